package id.pantau.app.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the console's pages (plain HTML, CSS and JavaScript modules from {@code classpath:/console}) with a
 * Content-Security-Policy that lets them load nothing but this server's own files and images: the console must
 * work on an isolated network, and the policy makes any accidental outside reference fail loudly in the browser.
 * {@code media-src blob:} lets the live view play its Media Source (an object URL) in a video element.
 */
public final class ConsoleStatic {
    static final String CSP = "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self'; "
            + "style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    private ConsoleStatic() {
    }

    /**
     * Mounts the pages at {@code /} (index.html) and the browser libraries the pages use at {@code /vendor/}; mount
     * the API routers before it. The libraries come from their WebJars on the class path (uPlot for charts, Leaflet
     * for the camera map), so a page loads them from this node, e.g. {@code /vendor/uplot/1.6.30/dist/uPlot.iife.min.js}.
     */
    public static void mount(Router root) {
        root.route("/vendor/*").handler(ConsoleStatic::securityHeaders).handler(vendorHandler());
        root.route("/*").handler(ConsoleStatic::securityHeaders).handler(handler());
    }

    /** The WebJars' files, read from {@code META-INF/resources/webjars} on the class path; versioned paths cache. */
    static StaticHandler vendorHandler() {
        return StaticHandler.create("META-INF/resources/webjars").setCachingEnabled(true).setDirectoryListing(false)
                .setMaxAgeSeconds(86_400);
    }

    /** The static-file handler alone, for mounting elsewhere. */
    public static StaticHandler handler() {
        return StaticHandler.create("console").setIndexPage("index.html").setCachingEnabled(false)
                .setDirectoryListing(false);
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("content-security-policy", CSP)
                .putHeader("x-content-type-options", "nosniff")
                .putHeader("referrer-policy", "no-referrer");
        ctx.next();
    }
}
