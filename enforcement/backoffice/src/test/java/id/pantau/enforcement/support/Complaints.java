package id.pantau.enforcement.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.pantau.core.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Citizen complaints for the tests, as SiKesal sends them. The texts are written for these tests (not real reports)
 * in the words Jambi residents use; the places are real intersections of Kota Jambi, the coordinates near them.
 */
public final class Complaints {
    /** Simpang Kawat (Jl. Jend. Sudirman x Jl. Hayam Wuruk), where the test camera stands. */
    public static final double KAWAT_LAT = -1.6140;
    public static final double KAWAT_LON = 103.6125;

    public static final String LAMPU_MATI = "Lampu merah di Simpang Kawat mati total sejak subuh, kendaraan dari arah"
            + " Jl. Hayam Wuruk saling serobot. Mohon segera diperbaiki sebelum ada kecelakaan. (teks uji)";
    public static final String MACET = "Macet parah di Simpang Kawat dari jam 7 pagi, antrean sampai depan Pasar"
            + " Kawat. Tidak ada petugas yang mengatur. (teks uji)";
    public static final String JALAN_RUSAK = "Jalan berlubang besar di depan SD Negeri 47 Jl. Kol. Abunjani, sudah dua"
            + " pengendara motor jatuh minggu ini. (teks uji)";
    public static final String LAMPU_JALAN = "Lampu penerangan jalan di Jl. Gatot Subroto padam sepanjang 200 meter,"
            + " rawan begal malam hari. (teks uji)";

    private Complaints() {
    }

    /** A complaint body: coordinates when {@code lat} is not null, always an address. */
    public static Map<String, Object> complaint(String externalId, String category, String text, String reportedAt,
                                                Double lat, Double lon) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("external_id", externalId);
        m.put("category", category);
        m.put("text", text);
        m.put("reported_at", reportedAt);
        Map<String, Object> loc = new LinkedHashMap<>();
        if (lat != null) {
            loc.put("lat", lat);
            loc.put("lon", lon);
        }
        loc.put("address", "Simpang Kawat, Jl. Jend. Sudirman, Kota Jambi");
        m.put("location", loc);
        m.put("area", "Jambi Selatan");
        m.put("reporter_contact", "Budi Santoso, 0812-7400-1234");
        return m;
    }

    public static String json(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
