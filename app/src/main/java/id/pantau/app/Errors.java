package id.pantau.app;

/** Turns an exception into the one line an operator reads. */
public final class Errors {
    private Errors() {
    }

    public static String describe(Throwable ex) {
        Throwable t = ex;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return msg;
    }
}
