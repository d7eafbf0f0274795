package id.pantau.enforcement.letter;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The letter's QR code reads back as the ticket reference with an ordinary QR reader. */
class ReferenceQrTest {
    @Test
    void theQrCodeReadsBackAsTheReference() throws Exception {
        String reference = "ETLE-JMB-2026-000042";
        var image = ImageIO.read(new ByteArrayInputStream(ReferenceQr.png(reference, 240)));
        assertThat(image.getWidth()).isEqualTo(240);
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        String read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), rgb)))).getText();
        assertThat(read).isEqualTo(reference);
    }
}
