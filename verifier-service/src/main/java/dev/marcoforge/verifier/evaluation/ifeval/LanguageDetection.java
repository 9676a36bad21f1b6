package dev.marcoforge.verifier.evaluation.ifeval;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Locale;
import java.util.Optional;

/**
 * Language of a response, for IFEval's language checks, with the Lingua detector. Lingua loads a language's model
 * the first time a text could be in it, and the low-accuracy mode keeps only its trigram models, so memory stays
 * bounded (about 100 MB with every language loaded) and a verifier that never sees such a check never loads any.
 * Low-accuracy mode is reliable from about 120 characters on; IFEval's language instructions ask for whole
 * responses, which are longer, and a shorter text can be mistaken for a close language (Russian for Bulgarian).
 */
public final class LanguageDetection {

    private LanguageDetection() {
    }

    private static final class Holder {
        static final LanguageDetector DETECTOR = LanguageDetectorBuilder.fromAllLanguages().withLowAccuracyMode()
                .build();
    }

    /** The ISO 639-1 code ("en", "fr") of the text's language, empty when the detector cannot tell. */
    public static Optional<String> isoCodeOf(String text) {
        Language language = Holder.DETECTOR.detectLanguageOf(text);
        if (language == null || language == Language.UNKNOWN) {
            return Optional.empty();
        }
        return Optional.of(language.getIsoCode639_1().name().toLowerCase(Locale.ROOT));
    }

    /** Whether Lingua knows the language of this ISO 639-1 code at all. */
    public static boolean supports(String isoCode) {
        for (Language language : Language.values()) {
            if (language != Language.UNKNOWN
                    && language.getIsoCode639_1().name().equalsIgnoreCase(isoCode)) {
                return true;
            }
        }
        return false;
    }
}
