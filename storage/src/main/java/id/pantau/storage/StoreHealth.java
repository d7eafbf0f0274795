package id.pantau.storage;

/** Result of a health probe: {@code detail} says what was checked or what is wrong, in words for an operator. */
public record StoreHealth(boolean up, String detail) {
    public static StoreHealth up(String detail) {
        return new StoreHealth(true, detail);
    }

    public static StoreHealth down(String detail) {
        return new StoreHealth(false, detail);
    }
}
