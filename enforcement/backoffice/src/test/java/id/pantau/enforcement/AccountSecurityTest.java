package id.pantau.enforcement;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.bus.InProcessEventBus;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.support.Http;
import id.pantau.enforcement.support.ServiceHarness;
import id.pantau.enforcement.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts against the running back office (H2, real bcrypt, HTTP on 127.0.0.1): sign-in throttling and its bounded
 * lockout, token revocation on a password change, the last admin, the forced password change decided by route, and
 * error bodies without Java names. A fresh service per test: the throttle's state is per node.
 */
class AccountSecurityTest {
    private static final String LOGIN = "/api/auth/login";

    final TestClock clock = new TestClock();
    InProcessEventBus bus;
    ServiceHarness h;
    Http http;

    @BeforeEach
    void start(@TempDir Path dir) {
        bus = new InProcessEventBus(1000, Duration.ofMillis(100));
        h = new ServiceHarness(EnforcementConfig.defaults(dir).withBcryptCost(4), bus, dir, clock);
        http = h.http();
    }

    @AfterEach
    void stop() {
        h.close();
        bus.close();
    }

    private static String body(String user, String password) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    private long auditCount(String action) {
        long n = 0;
        for (JsonNode e : http.get("/api/audit?entity=user&limit=1000", h.admin()).json().get("items")) {
            if (e.get("action").asText().equals(action)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aBurstOfWrongPasswordsIsRefusedWithoutBcryptWorkAndTheLockoutIsBounded() throws Exception {
        h.user("budi.polisi", "police");
        // 300 wrong passwords at once: only the few allowed failures reach bcrypt, the rest are 429 at once
        List<Http.Response> answers = new ArrayList<>();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Http.Response>> fs = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                fs.add(pool.submit(() -> http.post(LOGIN, null, body("budi.polisi", "salah-sandi-xyz"))));
            }
            for (Future<Http.Response> f : fs) {
                answers.add(f.get());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long checked = answers.stream().filter(r -> r.status() == 401).count();
        List<Http.Response> throttled = answers.stream().filter(r -> r.status() == 429).toList();
        // 5 free failures, one more, then one per lockout that ran out during the burst (2 s, 4 s, 8 s, ...)
        long lockoutsOver = (long) Math.floor(Math.log(seconds / 2 + 1) / Math.log(2));
        assertThat(checked).as("attempts that cost bcrypt work in %.1f s", seconds).isBetween(1L, 6 + lockoutsOver);
        assertThat(checked).isLessThanOrEqualTo(10);
        assertThat(throttled).hasSize(300 - (int) checked);
        assertThat(throttled).allSatisfy(r -> {
            assertThat(r.retryAfter()).as("Retry-After").isNotNull();
            assertThat(Long.parseLong(r.retryAfter())).isPositive();
            assertThat(r.json().get("error").asText()).isEqualTo("too_many_requests");
        });
        assertThat(auditCount("auth.login_failed")).as("only checked failures are in the trail").isEqualTo(checked);

        // while locked even the right password waits (no bcrypt); when the wait is over it works
        Http.Response locked = http.post(LOGIN, null, body("budi.polisi", ServiceHarness.PASSWORD));
        assertThat(locked.status()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(Long.parseLong(locked.retryAfter()) + 1));
        assertThat(http.post(LOGIN, null, body("budi.polisi", ServiceHarness.PASSWORD)).status()).isEqualTo(200);

        // an attacker who keeps going: each lockout doubles, but never beyond 15 minutes, and attempts made while
        // locked do not extend it
        long longest = 0;
        for (int i = 0; i < 25; i++) {
            Http.Response r = http.post(LOGIN, null, body("budi.polisi", "salah-sandi-xyz"));
            if (r.status() == 429) {
                long wait = Long.parseLong(r.retryAfter());
                Http.Response again = http.post(LOGIN, null, body("budi.polisi", "salah-sandi-xyz"));
                assertThat(again.status()).isEqualTo(429);
                assertThat(Long.parseLong(again.retryAfter())).as("a refused attempt does not extend the lockout")
                        .isLessThanOrEqualTo(wait);
                longest = Math.max(longest, wait);
                clock.advance(Duration.ofSeconds(wait + 1));
            }
        }
        assertThat(longest).isGreaterThan(60).isLessThanOrEqualTo(15 * 60);
        clock.advance(Duration.ofMinutes(16));
        assertThat(http.post(LOGIN, null, body("budi.polisi", ServiceHarness.PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void oneAddressGuessingManyAccountsIsThrottledToo() {
        h.admin();
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            int status = http.post(LOGIN, null, body("tebak" + i, "salah-sandi-xyz")).status();
            if (status == 429) {
                refused++;
            } else {
                assertThat(status).isEqualTo(401);
            }
        }
        assertThat(refused).as("attempts refused for the address after its free failures").isGreaterThanOrEqualTo(19);
    }

    @Test
    void aPasswordChangeSignsOutTheUsersOtherSessions() {
        String first = h.user("sari.polisi", "police");
        String second = h.login("sari.polisi", ServiceHarness.PASSWORD);
        assertThat(http.get("/api/me", second).status()).isEqualTo(200);
        assertThat(http.post("/api/auth/password", first, "{\"current_password\":\"" + ServiceHarness.PASSWORD
                + "\",\"new_password\":\"sandi-baru-yang-panjang\"}").status()).isEqualTo(204);
        assertThat(http.get("/api/me", first).status()).as("the session that changed it").isEqualTo(200);
        assertThat(http.get("/api/me", second).status()).as("any other session").isEqualTo(401);
    }

    @Test
    void guessingTheCurrentPasswordWithAStolenTokenIsThrottledToo() {
        String token = h.user("rudi.polisi", "police");
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            int status = http.post("/api/auth/password", token, "{\"current_password\":\"tebakan-" + i
                    + "-xyz\",\"new_password\":\"sandi-baru-yang-panjang\"}").status();
            if (status == 429) {
                refused++;
            } else {
                assertThat(status).isEqualTo(403);
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(5);
    }

    @Test
    void theLastAdminCannotBeDemotedOrDisabled() {
        String admin = h.admin();
        long self = http.get("/api/me", admin).json().get("id").asLong();
        Http.Response demote = http.patch("/api/users/" + self, admin, "{\"role\":\"police\"}");
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.json().get("message").asText()).contains("last active admin");
        assertThat(http.patch("/api/users/" + self, admin, "{\"active\":false}").status()).isEqualTo(409);
        assertThat(http.get("/api/users", admin).status()).as("still an admin").isEqualTo(200);

        h.user("kedua.admin", "admin");
        assertThat(http.patch("/api/users/" + self, admin, "{\"role\":\"operator\"}").status()).isEqualTo(200);
    }

    @Test
    void thePendingPasswordChangeIsDecidedByTheRouteNotByHowThePathEnds() {
        h.publish(h.event("cam-acct", 7, "BH 1 AA", 0.99));
        assertThat(http.post("/api/users", h.admin(), "{\"username\":\"baru.polisi\",\"password\":\"awal-sandi-99\","
                + "\"role\":\"police\"}").status()).isEqualTo(201);
        String fresh = h.login("baru.polisi", "awal-sandi-99");
        for (String path : List.of("/api/violations/1/evidence/me", "/api/violations/1/evidence/frame_at.jpg",
                "/api/violations/me", "/api/tickets/me")) {
            Http.Response r = http.get(path, fresh);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.text()).as(path).contains("password change required").doesNotContain("frame_");
        }
        assertThat(http.get("/api/me", fresh).status()).isEqualTo(200);
        assertThat(http.post("/api/auth/password", fresh, "{\"current_password\":\"awal-sandi-99\","
                + "\"new_password\":\"sandi-baru-yang-panjang\"}").status()).isEqualTo(204);
        assertThat(http.get("/api/violations", fresh).status()).isEqualTo(200);
    }

    @Test
    void errorBodiesNeverNameJavaTypes() {
        String admin = h.admin();
        List<Http.Response> answers = List.of(
                http.patch("/api/users/1", admin, "{\"active\":\"maybe\"}"),
                http.patch("/api/users/1", admin, "{\"active\":{\"yes\":1}}"),
                http.patch("/api/users/1", admin, "{\"role\":[1]}"),
                http.post("/api/users", admin, "{\"username\":[\"a\"],\"password\":\"long-enough-123\",\"role\":\"police\"}"),
                http.post(LOGIN, null, "{\"username\":{},\"password\":1}"),
                http.get("/api/audit?limit=many", admin));
        for (Http.Response r : answers) {
            assertThat(r.status()).as(r.text()).isEqualTo(400);
            assertThat(r.json().get("message").asText()).as(r.text())
                    .doesNotContainPattern("java\\.|Exception|\\b(Long|Boolean|Integer|String|Map|List)\\b");
        }
    }
}
