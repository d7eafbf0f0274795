package id.pantau.detect.plate.grammar;

import id.pantau.core.asset.Assets;
import id.pantau.detect.plate.ocr.CharacterSet;
import id.pantau.detect.plate.ocr.CtcScores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The decoder on hand-written probability lattices over the recogniser's real character list, so each grammar rule
 * is exercised in isolation (the models' own outputs are covered by the accuracy tests).
 */
class GrammarCtcDecoderTest {
    private static CharacterSet chars;
    private static final GrammarCtcDecoder decoder = new GrammarCtcDecoder(RegionTable.indonesia());

    @BeforeAll
    static void load() {
        chars = CharacterSet.load(Assets.defaults().model("ppocr_keys_v1").path());
    }

    /** One step: class (a string of the key list, "" = blank) -> probability; the rest goes to blank. */
    private static CtcScores lattice(List<Map<String, Float>> steps) {
        int c = chars.size();
        float[] p = new float[steps.size() * c];
        Map<String, Integer> index = new HashMap<>();
        for (int i = c - 1; i >= 0; i--) {
            index.put(chars.text(i), i);
        }
        for (int t = 0; t < steps.size(); t++) {
            float rest = 1;
            for (var e : steps.get(t).entrySet()) {
                p[t * c + index.get(e.getKey())] += e.getValue();
                rest -= e.getValue();
            }
            p[t * c] += rest;
        }
        return new CtcScores(p, steps.size(), c, chars);
    }

    private static Map<String, Float> is(String ch, float p) {
        return Map.of(ch, p);
    }

    private static Map<String, Float> blank() {
        return Map.of();
    }

    @Test
    void readsAClearPlateAndMergesRepeatedSteps() {
        var s = lattice(List.of(is("B", .9f), is("B", .9f), blank(), is("H", .95f), blank(), is("1", .9f),
                blank(), is("1", .8f), blank(), is("2", .9f), is("2", .9f), blank(), is("3", .9f), blank(),
                is("X", .9f), blank(), is("Y", .9f)));
        GrammarReading r = decoder.decode(s).orElseThrow();
        assertThat(r.plate().text()).isEqualTo("BH 1123 XY");
        assertThat(r.confidences()).hasSize(8);
        assertThat(r.confidence()).isCloseTo(0.9, within(0.05));
    }

    @Test
    void choosesADigitInTheNumberAndALetterInTheSuffixFromTheModelsOwnProbabilities() {
        // the model prefers "O" where a digit must stand, and "0" after the fourth digit, where a letter must stand
        var s = lattice(List.of(is("B", .9f), blank(), is("1", .9f), blank(),
                Map.of("O", .6f, "0", .3f), blank(), is("7", .9f), blank(), is("3", .9f), blank(),
                Map.of("0", .5f, "O", .2f, "D", .25f), blank(), is("K", .9f)));
        GrammarReading r = decoder.decode(s).orElseThrow();
        assertThat(r.plate().text()).isEqualTo("B 1073 DK");
    }

    @Test
    void treatsNonPlateSymbolsAsBlankAndReadsLowerCaseAsUpper() {
        var s = lattice(List.of(is("A", .9f), is("d", .8f), is("·", .9f), is("7", .9f), is("-", .9f),
                is("h", .9f), blank(), is("S", .9f)));
        assertThat(decoder.decode(s).orElseThrow().plate().text()).isEqualTo("AD 7 HS");
    }

    @Test
    void acceptsOnlyRealRegionCodes() {
        // "Q" starts no code: the best grammatical path drops it rather than inventing a region
        var s = lattice(List.of(is("Q", .9f), blank(), is("B", .6f), blank(), is("5", .9f), blank(), is("A", .9f)));
        GrammarReading r = decoder.decode(s).orElseThrow();
        assertThat(r.plate().prefix()).isEqualTo("B");
        assertThat(r.plate().text()).isEqualTo("B 5 A");
    }

    @Test
    void separatesTheSameCharacterOnlyAcrossABlank() {
        var s = lattice(List.of(is("L", .9f), blank(), is("1", .9f), is("1", .9f), blank(), is("1", .9f), blank(),
                is("A", .9f), blank(), is("A", .9f), is("A", .9f), blank(), is("A", .9f)));
        assertThat(decoder.decode(s).orElseThrow().plate().text()).isEqualTo("L 11 AAA");
    }
}
