package id.pantau.enforcement.config;

import id.pantau.enforcement.complaint.ComplaintSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the enforcement back office needs to know. {@link #defaults(Path)} gives a single-node setup
 * (H2 file under the data dir); set {@code dbUrl} to a {@code jdbc:postgresql:} URL for production. The
 * constructor rejects bad values with a message naming the field.
 *
 * @param dbUrl                  JDBC URL: {@code jdbc:h2:file:...} (PostgreSQL mode is added) or {@code jdbc:postgresql:...}
 * @param dbUser                 database user
 * @param dbPassword             database password (may be empty for H2)
 * @param claimTtl               how long an officer's claim on a case holds before another officer may take it
 * @param confirmationDays       days the owner has to respond to the confirmation letter (Korlantas: 8)
 * @param lowConfidenceThreshold plate readings scored below this need a second officer's approval
 * @param reasonCodes            allowed rejection reason codes
 * @param articles               violation type -> violated article (the text printed on ticket and letter)
 * @param tokenTtl               lifetime of a login token
 * @param referencePrefix        ticket reference prefix, e.g. ETLE-JMB (Kota Jambi)
 * @param maxBodyBytes           largest accepted HTTP request body
 * @param violationsTopic        bus topic violation events arrive on
 * @param ticketsTopic           bus topic ticket events are emitted on
 * @param ingestGroup            consumer group of the violation ingest
 * @param outboxInterval         how often the outbox relay looks for unpublished ticket events
 * @param bcryptCost             bcrypt work factor for password hashes (10 = ~0.1 s per check; tests may use 4)
 * @param complaints             citizen complaints: camera link distance, corroboration window, topics, limits
 */
public record EnforcementConfig(String dbUrl, String dbUser, String dbPassword, Duration claimTtl, int confirmationDays,
                                double lowConfidenceThreshold, List<String> reasonCodes, Map<String, String> articles,
                                Duration tokenTtl, String referencePrefix, int maxBodyBytes, String violationsTopic,
                                String ticketsTopic, String ingestGroup, Duration outboxInterval, int bcryptCost,
                                ComplaintSettings complaints) {

    public static final List<String> DEFAULT_REASON_CODES = List.of(
            "plate_unreadable", "emergency_vehicle", "signal_fault", "not_a_violation", "duplicate", "evidence_incomplete");
    public static final Map<String, String> DEFAULT_ARTICLES = Map.of(
            "red_light_violation", "UU 22/2009 Pasal 287 ayat (2) jo. Pasal 106 ayat (4) huruf c",
            "stop_line_violation", "UU 22/2009 Pasal 287 ayat (1) jo. Pasal 106 ayat (4) huruf a",
            "wrong_way", "UU 22/2009 Pasal 287 ayat (1) jo. Pasal 106 ayat (4) huruf a");

    public EnforcementConfig {
        List<String> errors = new ArrayList<>();
        if (dbUrl == null || !(dbUrl.startsWith("jdbc:h2:") || dbUrl.startsWith("jdbc:postgresql:"))) {
            errors.add("dbUrl must be a jdbc:h2: or jdbc:postgresql: URL, was '" + dbUrl + "'");
        }
        if (dbUser == null) {
            errors.add("dbUser must be set");
        }
        if (dbPassword == null) {
            dbPassword = "";
        }
        if (claimTtl == null || claimTtl.isNegative() || claimTtl.isZero()) {
            errors.add("claimTtl must be a positive duration, was " + claimTtl);
        }
        if (confirmationDays < 1 || confirmationDays > 365) {
            errors.add("confirmationDays must be 1..365, was " + confirmationDays);
        }
        if (!(lowConfidenceThreshold >= 0 && lowConfidenceThreshold <= 1)) {
            errors.add("lowConfidenceThreshold must be within 0..1, was " + lowConfidenceThreshold);
        }
        if (reasonCodes == null || reasonCodes.isEmpty()) {
            errors.add("reasonCodes must list at least one rejection reason code");
        }
        if (articles == null || articles.isEmpty()) {
            errors.add("articles must map at least one violation type to its article");
        }
        if (tokenTtl == null || tokenTtl.isNegative() || tokenTtl.isZero()) {
            errors.add("tokenTtl must be a positive duration, was " + tokenTtl);
        }
        if (referencePrefix == null || !referencePrefix.matches("[A-Z0-9-]{1,20}")) {
            errors.add("referencePrefix must be 1-20 upper-case letters, digits or '-', was '" + referencePrefix + "'");
        }
        if (maxBodyBytes < 1024) {
            errors.add("maxBodyBytes must be >= 1024, was " + maxBodyBytes);
        }
        if (violationsTopic == null || violationsTopic.isBlank()) {
            errors.add("violationsTopic must be set");
        }
        if (ticketsTopic == null || ticketsTopic.isBlank()) {
            errors.add("ticketsTopic must be set");
        }
        if (ingestGroup == null || ingestGroup.isBlank()) {
            errors.add("ingestGroup must be set");
        }
        if (outboxInterval == null || outboxInterval.isNegative() || outboxInterval.isZero()) {
            errors.add("outboxInterval must be a positive duration, was " + outboxInterval);
        }
        if (bcryptCost < 4 || bcryptCost > 16) {
            errors.add("bcryptCost must be 4..16, was " + bcryptCost);
        }
        if (complaints == null) {
            complaints = ComplaintSettings.defaults();
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid enforcement config: " + String.join("; ", errors));
        }
        reasonCodes = List.copyOf(reasonCodes);
        articles = Map.copyOf(articles);
    }

    /** As before complaints existed: the complaint settings are their defaults. */
    public EnforcementConfig(String dbUrl, String dbUser, String dbPassword, Duration claimTtl, int confirmationDays,
                             double lowConfidenceThreshold, List<String> reasonCodes, Map<String, String> articles,
                             Duration tokenTtl, String referencePrefix, int maxBodyBytes, String violationsTopic,
                             String ticketsTopic, String ingestGroup, Duration outboxInterval, int bcryptCost) {
        this(dbUrl, dbUser, dbPassword, claimTtl, confirmationDays, lowConfidenceThreshold, reasonCodes, articles, tokenTtl,
                referencePrefix, maxBodyBytes, violationsTopic, ticketsTopic, ingestGroup, outboxInterval, bcryptCost,
                ComplaintSettings.defaults());
    }

    /** Single-node defaults: an H2 database file {@code enforcement.mv.db} under {@code dataDir}. */
    public static EnforcementConfig defaults(Path dataDir) {
        return new EnforcementConfig(h2FileUrl(dataDir.resolve("enforcement")), "pantau", "",
                Duration.ofMinutes(15), 8, 0.80, DEFAULT_REASON_CODES, DEFAULT_ARTICLES, Duration.ofHours(8),
                "ETLE-JMB", 64 * 1024, "pantau.violations", "etle.tickets", "enforcement", Duration.ofMillis(200), 10);
    }

    /** H2 in PostgreSQL mode so the same migrations and queries run on both. */
    public static String h2FileUrl(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    public EnforcementConfig withDatabase(String url, String user, String password) {
        return new EnforcementConfig(url, user, password, claimTtl, confirmationDays, lowConfidenceThreshold, reasonCodes,
                articles, tokenTtl, referencePrefix, maxBodyBytes, violationsTopic, ticketsTopic, ingestGroup, outboxInterval, bcryptCost, complaints);
    }

    public EnforcementConfig withClaimTtl(Duration ttl) {
        return new EnforcementConfig(dbUrl, dbUser, dbPassword, ttl, confirmationDays, lowConfidenceThreshold, reasonCodes,
                articles, tokenTtl, referencePrefix, maxBodyBytes, violationsTopic, ticketsTopic, ingestGroup, outboxInterval, bcryptCost, complaints);
    }

    public EnforcementConfig withBcryptCost(int cost) {
        return new EnforcementConfig(dbUrl, dbUser, dbPassword, claimTtl, confirmationDays, lowConfidenceThreshold, reasonCodes,
                articles, tokenTtl, referencePrefix, maxBodyBytes, violationsTopic, ticketsTopic, ingestGroup, outboxInterval, cost, complaints);
    }

    public EnforcementConfig withComplaints(ComplaintSettings settings) {
        return new EnforcementConfig(dbUrl, dbUser, dbPassword, claimTtl, confirmationDays, lowConfidenceThreshold, reasonCodes,
                articles, tokenTtl, referencePrefix, maxBodyBytes, violationsTopic, ticketsTopic, ingestGroup, outboxInterval,
                bcryptCost, settings);
    }

    public EnforcementConfig withTokenTtl(Duration ttl) {
        return new EnforcementConfig(dbUrl, dbUser, dbPassword, claimTtl, confirmationDays, lowConfidenceThreshold, reasonCodes,
                articles, ttl, referencePrefix, maxBodyBytes, violationsTopic, ticketsTopic, ingestGroup, outboxInterval, bcryptCost, complaints);
    }
}
