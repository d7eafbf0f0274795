package id.pantau.detect.plate.grammar;

/** A registration area: the plate's letter code, the area's usual name and its province. */
public record Region(String code, String name, String province) {
}
