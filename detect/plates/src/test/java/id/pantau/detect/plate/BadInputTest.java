package id.pantau.detect.plate;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.json.Json;
import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Point;
import id.pantau.detect.plate.image.MatImages;
import id.pantau.detect.plate.image.Quad;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input: each gives a clear error for that picture or box, and nothing else is lost. */
class BadInputTest {
    @TempDir
    Path dir;

    /** A PNG whose header says width x height (the pixels are not there: only the header is ever read). */
    static byte[] pngHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private List<JsonNode> lines(Path out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String l : Files.readAllLines(out)) {
            nodes.add(Json.mapper().readTree(l));
        }
        return nodes;
    }

    @Test
    void aHugeACorruptAndATruncatedPictureAreRefusedClearlyAndTheRestIsRead() throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        PlateData.Crop crop = PlateData.indonesianCrops().getFirst();
        Files.createSymbolicLink(in.resolve("a_good.jpg"), crop.image());
        Files.write(in.resolve("b_huge.png"), pngHeader(20000, 20000));
        Files.writeString(in.resolve("c_corrupt.jpg"), "this is not a JPEG");
        byte[] good = Files.readAllBytes(crop.image());
        Files.write(in.resolve("d_truncated.jpg"), java.util.Arrays.copyOf(good, 40));
        Files.writeString(in.resolve("notes.txt"), "not a picture: skipped, not an error");
        Path out = dir.resolve("out.jsonl");

        PlatesJob.Summary s = new PlatesJob(SharedReader.get()).run(in, out, PlatesJob.Input.CROPS);

        assertThat(s.pictures()).as("notes.txt is not a picture").isEqualTo(4);
        assertThat(s.failedPictures()).isEqualTo(3);
        List<JsonNode> nodes = lines(out);
        assertThat(nodes).hasSize(4);
        assertThat(nodes.get(0).get("plates").get(0).get("alternatives").get(0).get("text").asText())
                .isEqualTo(crop.text());
        assertThat(nodes.get(1).get("error").asText()).contains("20000x20000").contains("MP");
        assertThat(nodes.get(2).get("error").asText()).contains("could not be decoded");
        assertThat(nodes.get(3).get("error").asText()).contains("could not be decoded");
    }

    @Test
    void aFolderOfNonPicturesIsAClearError() throws Exception {
        Path in = Files.createDirectory(dir.resolve("docs"));
        Files.writeString(in.resolve("readme.md"), "#");
        Files.writeString(in.resolve("labels.csv"), "image,plate_text");
        assertThatThrownBy(() -> new PlatesJob(SharedReader.get()).run(in, dir.resolve("o.jsonl"),
                PlatesJob.Input.SCENES)).hasMessageContaining("holds no pictures");
    }

    @Test
    void aBoxOutsideThePictureReadsNothingAndAPartlyOutsideOneIsClipped() {
        PlateReader reader = SharedReader.get();
        try (Mat image = MatImages.read(PlateData.indonesianCrops().getFirst().image())) {
            assertThat(reader.read(image, new BoundingBox(5000, 5000, 6000, 6000))).isEmpty();
            assertThat(reader.read(image, new BoundingBox(-900, -900, -100, -100))).isEmpty();
            // a vehicle box reaching beyond the picture is clipped, not an error
            reader.read(image, new BoundingBox(-100, -50, image.cols() + 300, image.rows() + 80));
            // plate corners partly outside the picture: the warp repeats the edge pixels
            Quad outside = new Quad(new Point(-40, -20), new Point(image.cols() + 40, -10),
                    new Point(image.cols() + 30, image.rows() + 25), new Point(-35, image.rows() + 20));
            try (Mat plate = reader.rectify(image, outside)) {
                assertThat(plate.rows()).isEqualTo(PlateReaderSettings.defaults().plateHeight());
                assertThat(reader.readPlate(plate)).isNotNull();
            }
        }
        assertThatThrownBy(() -> new BoundingBox(10, 10, 5, 5)).hasMessageContaining("out of order");
    }
}
