package id.pantau.storage.verify;

import id.pantau.storage.signing.SignatureStatus;
import java.util.List;

/**
 * The outcome of checking one evidence package. {@link #ok()} only when the manifest is present and readable,
 * its signature is VALID, every listed file is OK and nothing unexpected sits beside them.
 *
 * @param problem why the package could not be checked at all (no manifest, unreadable manifest...), or empty
 */
public record VerificationReport(String location, SignatureStatus signature, String signatureDetail,
                                 List<FileCheck> files, String problem) {
    public VerificationReport {
        files = List.copyOf(files);
    }

    public boolean ok() {
        return problem.isEmpty() && signature == SignatureStatus.VALID
                && files.stream().allMatch(f -> f.status() == FileStatus.OK);
    }

    public List<FileCheck> withStatus(FileStatus status) {
        return files.stream().filter(f -> f.status() == status).toList();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("Evidence package ").append(location).append(": ").append(ok() ? "OK" : "NOT OK").append('\n');
        if (!problem.isEmpty()) {
            sb.append("  problem:   ").append(problem).append('\n');
        }
        sb.append("  signature: ").append(signature);
        if (!signatureDetail.isEmpty()) {
            sb.append(" (").append(signatureDetail).append(')');
        }
        sb.append('\n');
        for (FileCheck f : files) {
            sb.append("  ").append(f).append('\n');
        }
        long ok = files.stream().filter(f -> f.status() == FileStatus.OK).count();
        sb.append("  ").append(ok).append(" of ").append(files.size()).append(" files OK");
        return sb.toString();
    }
}
