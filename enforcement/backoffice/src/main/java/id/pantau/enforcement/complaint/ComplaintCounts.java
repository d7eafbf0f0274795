package id.pantau.enforcement.complaint;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Complaints per category per day (WIB days: the operation centre's calendar), every day of the range listed even
 * when it has none, so a chart's x axis and a spreadsheet's rows are the calendar.
 */
public final class ComplaintCounts {
    public static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
    /** A year and a day: the longest range one request counts. */
    public static final int MAX_DAYS = 367;

    private ComplaintCounts() {
    }

    /** One day: the count of every category (all listed, zero included) and their total. */
    public record Day(LocalDate day, Map<String, Long> counts, long total) {
    }

    public record Series(LocalDate from, LocalDate to, List<String> categories, List<Day> days) {
        @JsonProperty("zone")
        public String zone() {
            return WIB.getId();
        }
    }

    /** Counts the reports of [from, to] (inclusive WIB dates). */
    public static Series count(ComplaintStore store, LocalDate from, LocalDate to, String area) {
        Instant start = from.atStartOfDay(WIB).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(WIB).toInstant();
        Map<LocalDate, Map<String, Long>> byDay = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Map<String, Long> zero = new LinkedHashMap<>();
            for (ComplaintCategory c : ComplaintCategory.values()) {
                zero.put(c.wire(), 0L);
            }
            byDay.put(d, zero);
        }
        for (Map.Entry<String, Instant> r : store.reports(start, end, area)) {
            byDay.get(r.getValue().atZone(WIB).toLocalDate()).merge(r.getKey(), 1L, Long::sum);
        }
        List<Day> days = new ArrayList<>();
        byDay.forEach((d, counts) -> days.add(new Day(d, counts, counts.values().stream().mapToLong(Long::longValue).sum())));
        return new Series(from, to, java.util.Arrays.stream(ComplaintCategory.values()).map(ComplaintCategory::wire)
                .toList(), days);
    }

    /** The series as CSV (RFC 4180): {@code tanggal}, one column per category, {@code jumlah}. Values need no quoting. */
    public static String csv(Series s) {
        StringBuilder b = new StringBuilder("tanggal,").append(String.join(",", s.categories())).append(",jumlah\r\n");
        for (Day d : s.days()) {
            b.append(d.day());
            for (String c : s.categories()) {
                b.append(',').append(d.counts().get(c));
            }
            b.append(',').append(d.total()).append("\r\n");
        }
        return b.toString();
    }
}
