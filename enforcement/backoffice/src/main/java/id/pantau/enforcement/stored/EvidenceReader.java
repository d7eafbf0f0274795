package id.pantau.enforcement.stored;

import java.io.IOException;

/**
 * Reads one evidence object (a photo, a clip, a manifest) by its storage key, e.g.
 * {@code evidence/cam/2026/11/23/<id>/frame_at.jpg}. The storage module provides the object-store
 * implementation; {@link FolderEvidenceReader} reads a local folder.
 */
public interface EvidenceReader {

    /** The object's bytes; {@link java.nio.file.NoSuchFileException} (an IOException) when there is none. */
    byte[] read(String key) throws IOException;
}
