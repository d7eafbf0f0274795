package id.pantau.detect.plate.grammar;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IndonesianPlateGrammarTest {
    private final IndonesianPlateGrammar grammar = IndonesianPlateGrammar.standard();

    @Test
    void normalisesSpacingAndCase() {
        assertThat(grammar.parse("bh1234xy")).map(PlateNumber::text).contains("BH 1234 XY");
        assertThat(grammar.parse(" B  2407 UZO ")).map(PlateNumber::text).contains("B 2407 UZO");
        assertThat(grammar.parse("AD 7 HS")).map(PlateNumber::text).contains("AD 7 HS");
        assertThat(grammar.parse("N 1342")).map(PlateNumber::text).contains("N 1342");
    }

    @Test
    void fixesLookAlikesOnlyWhereTheSlotDemands() {
        // O in the number is a zero, 0 in the suffix is an O, 8 in the prefix is a B
        assertThat(grammar.parse("B 24O7 UZ0")).map(PlateNumber::text).contains("B 2407 UZO");
        assertThat(grammar.parse("8H I234 XY")).map(PlateNumber::text).contains("BH 1234 XY");
        // a correctly typed plate is never touched, even with confusable letters in letter slots
        assertThat(grammar.parse("B 1158 OIS")).map(PlateNumber::text).contains("B 1158 OIS");
    }

    @Test
    void usesTheInputsSpacesToSplitSlots() {
        // without the space "B12" could be prefix B + digits 12; the spaces say the prefix is "BH"
        assertThat(grammar.parse("BH 12 A")).map(PlateNumber::text).contains("BH 12 A");
        assertThat(grammar.parse("B 1234 XY")).map(PlateNumber::prefix).contains("B");
    }

    @Test
    void rejectsWhatCannotBeAPlate() {
        assertThat(grammar.parse("")).isEmpty();
        assertThat(grammar.parse("12345")).isEmpty();
        assertThat(grammar.parse("QQ 1234 AB")).as("QQ is no region code").isEmpty();
        assertThat(grammar.parse("B 12345 ABCD")).isEmpty();
    }

    @Test
    void knowsTheRegions() {
        assertThat(grammar.region(new PlateNumber("BH", "1234", "XY"))).map(Region::name).contains("Jambi");
        assertThat(grammar.region(new PlateNumber("B", "1", ""))).map(Region::name).contains("Jakarta");
        assertThat(grammar.region(new PlateNumber("D", "1", ""))).map(Region::name).contains("Bandung");
        assertThat(grammar.region(new PlateNumber("L", "1", ""))).map(Region::name).contains("Surabaya");
        assertThat(grammar.regions().all()).hasSizeGreaterThan(55);
        assertThat(grammar.regions().all().keySet()).allMatch(c -> c.matches("[A-Z]{1,2}"));
    }
}
