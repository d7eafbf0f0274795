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
    static final String CSP = csp(MapTiles.NONE);

    private ConsoleStatic() {
    }

    /**
     * Mounts the pages at {@code /} (index.html) and the browser libraries the pages use at {@code /vendor/}; mount
     * the API routers before it. The libraries come from their WebJars on the class path (uPlot for charts, Leaflet
     * for the camera map), so a page loads them from this node, e.g. {@code /vendor/uplot/1.6.30/dist/uPlot.iife.min.js}.
     */
    public static void mount(Router root) {
        mount(root, MapTiles.NONE);
    }

    /**
     * As above, for a node whose camera map draws tiles from a tile server ({@code console.map_tiles}): the policy
     * then lets images, and images only, come from exactly that server's origin as well.
     */
    public static void mount(Router root, MapTiles tiles) {
        String csp = csp(tiles);
        root.route("/vendor/*").handler(ctx -> securityHeaders(ctx, csp)).handler(vendorHandler());
        root.route("/*").handler(ctx -> securityHeaders(ctx, csp)).handler(handler());
    }

    /** The policy: this server only, plus the tile server's origin for images when one is configured. */
    static String csp(MapTiles tiles) {
        return "default-src 'self'; img-src 'self' blob: data:" + (tiles.configured() ? " " + tiles.origin() : "")
                + "; media-src 'self' blob:; connect-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; "
                + "base-uri 'none'";
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

    private static void securityHeaders(RoutingContext ctx, String csp) {
        ctx.response().putHeader("content-security-policy", csp)
                .putHeader("x-content-type-options", "nosniff")
                .putHeader("referrer-policy", "no-referrer");
        ctx.next();
    }
}
