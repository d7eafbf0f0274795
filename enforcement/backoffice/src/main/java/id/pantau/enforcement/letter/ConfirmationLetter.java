package id.pantau.enforcement.letter;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import id.pantau.enforcement.ticket.Ticket;
import id.pantau.enforcement.violation.Violation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders the confirmation letter (Surat Konfirmasi Pelanggaran Lalu Lintas) sent to the registered owner:
 * reference number, plate, time and place, violated article, evidence photos, the response deadline and how
 * to respond. Times are printed in WIB (Asia/Jakarta), the owner's local time.
 */
public final class ConfirmationLetter {
    private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
    private static final Locale ID = Locale.forLanguageTag("id-ID");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm:ss 'WIB'", ID);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", ID);

    /** A photo to print, already read from the evidence store; {@code jpeg} null when it could not be read. */
    public record Photo(String name, byte[] jpeg) {
    }

    private ConfirmationLetter() {
    }

    /**
     * @param officer the officer whose approval issued the ticket (named on the letter), null when unknown
     */
    public static byte[] render(Ticket t, Violation v, List<Photo> photos, String officer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 50, 50, 50, 50);
        try {
            PdfWriter.getInstance(doc, out);
            doc.addTitle("Surat Konfirmasi Pelanggaran Lalu Lintas " + t.reference());
            doc.addCreator("Pantau ETLE");
            doc.open();
            Font title = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 14);
            Font bold = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
            Font body = FontFactory.getFont(FontFactory.HELVETICA, 10);

            Paragraph head = new Paragraph("SURAT KONFIRMASI PELANGGARAN LALU LINTAS", title);
            head.setAlignment(Element.ALIGN_CENTER);
            doc.add(head);
            Paragraph sub = new Paragraph("Electronic Traffic Law Enforcement (ETLE) - Kota Jambi", body);
            sub.setAlignment(Element.ALIGN_CENTER);
            doc.add(sub);
            doc.add(new Paragraph(" "));
            doc.add(new Paragraph("Nomor Referensi: " + t.reference(), bold));
            doc.add(new Paragraph(" "));
            doc.add(new Paragraph("Kepada Yth. Pemilik Kendaraan dengan Nomor Polisi " + t.plate() + ",", body));
            doc.add(new Paragraph("Sistem ETLE telah merekam dugaan pelanggaran lalu lintas oleh kendaraan Anda, yang telah"
                    + " diverifikasi oleh petugas kepolisian, dengan rincian sebagai berikut:", body));
            doc.add(new Paragraph(" "));

            PdfPTable facts = new PdfPTable(new float[]{1.3f, 3f});
            facts.setWidthPercentage(100);
            row(facts, "Nomor Polisi", t.plate(), bold, body);
            row(facts, "Jenis Kendaraan", vehicle(v.vehicleClass()), bold, body);
            row(facts, "Waktu Pelanggaran", WHEN.format(v.time().atZone(WIB)), bold, body);
            row(facts, "Lokasi", (v.location() == null ? "Kamera " + v.camera() : v.location())
                    + (v.approach() == null ? "" : " (" + approach(v.approach()) + ")"), bold, body);
            row(facts, "Jenis Pelanggaran", describe(v.type()), bold, body);
            row(facts, "Pasal yang Dilanggar", t.article(), bold, body);
            row(facts, "Batas Waktu Konfirmasi", DAY.format(t.confirmationDeadline().atZone(WIB)), bold, body);
            row(facts, "Diverifikasi oleh", officer == null ? "-" : "Petugas " + officer, bold, body);
            doc.add(facts);
            doc.add(new Paragraph(" "));

            doc.add(new Paragraph("Foto Bukti Pelanggaran", bold));
            if (photos.isEmpty()) {
                doc.add(new Paragraph("(foto bukti tidak tersedia pada saat surat ini dibuat)", body));
            }
            for (Photo p : photos) {
                if (p.jpeg() == null) {
                    doc.add(new Paragraph("(foto " + p.name() + " tidak dapat dibaca)", body));
                    continue;
                }
                Image img = Image.getInstance(p.jpeg());
                img.scaleToFit(240, 180);
                doc.add(img);
                doc.add(new Paragraph(caption(p.name()), body));
            }
            doc.add(new Paragraph(" "));
            doc.add(new Paragraph("Cara Menanggapi", bold));
            doc.add(new Paragraph("1. Lakukan konfirmasi paling lambat " + DAY.format(t.confirmationDeadline().atZone(WIB))
                    + " melalui situs resmi ETLE (konfirmasi.etle) atau datang ke Posko ETLE Polresta Jambi dengan"
                    + " membawa surat ini, KTP dan STNK.", body));
            doc.add(new Paragraph("2. Apabila kendaraan sudah bukan milik Anda atau tidak sedang Anda kendarai, sampaikan"
                    + " hal tersebut saat konfirmasi agar surat dialihkan kepada pengemudi yang sebenarnya.", body));
            doc.add(new Paragraph("3. Setelah konfirmasi, Anda akan menerima kode pembayaran (BRIVA) untuk membayar denda"
                    + " tilang. Apabila tidak dikonfirmasi sampai batas waktu, STNK kendaraan dapat diblokir sementara.", body));
            doc.add(new Paragraph(" "));
            doc.add(new Paragraph("Sebutkan nomor referensi " + t.reference() + " dalam setiap komunikasi.", body));
            Image qr = Image.getInstance(ReferenceQr.png(t.reference(), 240));
            qr.scaleToFit(90, 90);
            doc.add(qr);
            doc.add(new Paragraph("Kode QR: nomor referensi " + t.reference() + " untuk verifikasi di Posko ETLE.", body));
            doc.close();
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("could not render the confirmation letter for " + t.reference() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The vehicle as the owner calls it (the detector's classes are English words). */
    static String vehicle(String cls) {
        if (cls == null) {
            return "-";
        }
        return switch (cls) {
            case "motorcycle" -> "Sepeda motor";
            case "car" -> "Mobil penumpang";
            case "bus" -> "Bus";
            case "truck" -> "Truk";
            case "bicycle" -> "Sepeda";
            default -> "Kendaraan lain";
        };
    }

    /** An approach id as a direction of travel; ids that are no compass direction are named as the approach. */
    static String approach(String id) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case "north", "n", "utara" -> "dari arah utara";
            case "south", "s", "selatan" -> "dari arah selatan";
            case "east", "e", "timur" -> "dari arah timur";
            case "west", "w", "barat" -> "dari arah barat";
            default -> "lajur pendekat " + id.replace('_', ' ');
        };
    }

    /** What each evidence photo shows, in the owner's words. */
    static String caption(String name) {
        return switch (name) {
            case "frame_before.jpg" -> "Foto 1: sebelum garis henti, lampu merah menyala";
            case "frame_at.jpg" -> "Foto 2: saat melewati garis henti";
            case "frame_after.jpg" -> "Foto 3: di dalam persimpangan";
            case "vehicle.jpg" -> "Foto kendaraan";
            case "plate.jpg" -> "Foto pelat nomor";
            default -> "Foto bukti";
        };
    }

    private static String describe(String type) {
        return switch (type) {
            case "red_light_violation" -> "Melanggar lampu lalu lintas (menerobos lampu merah)";
            case "stop_line_violation" -> "Melanggar marka garis henti";
            case "wrong_way" -> "Melawan arus lalu lintas";
            default -> type;
        };
    }

    private static void row(PdfPTable t, String k, String v, Font kf, Font vf) {
        PdfPCell a = new PdfPCell(new Paragraph(k, kf));
        PdfPCell b = new PdfPCell(new Paragraph(v, vf));
        a.setPadding(4);
        b.setPadding(4);
        t.addCell(a);
        t.addCell(b);
    }
}
