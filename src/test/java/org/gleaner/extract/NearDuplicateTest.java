package org.gleaner.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NearDuplicateTest {
    private static final String STORY = "Syrian government forces abandoned the key city of Homs on Saturday after less"
            + " than a day of fighting, leaving the president's rule dangling by a thread with insurgents also advancing"
            + " towards the capital. Since the rebels' sweep into Aleppo a week ago, government defences have crumbled at"
            + " dizzying speed as rebels seized a string of major cities and reignited a rebellion in places it had long"
            + " seemed dead. The fall of Homs and the threat to the capital now pose an immediate existential danger to"
            + " the dynasty's five-decade reign. Thousands poured onto the streets there to celebrate, residents said."
            + " Residents said state security and intelligence personnel had evacuated their offices after burning papers.";

    @Test
    void syndicatedCopyWithAnotherBylineIsNear() {
        String copy = "By Agency Staff. " + STORY.replace("Thousands poured", "Thousands of people poured");
        int d = NearDuplicate.distance(NearDuplicate.simhash(STORY), NearDuplicate.simhash(copy));
        assertThat(d).isLessThanOrEqualTo(NearDuplicate.SAME_STORY_MAX_DISTANCE + 5);
    }

    @Test
    void identicalTextsAreZeroApartWhateverTheCaseAndPunctuation() {
        assertThat(NearDuplicate.distance(
                        NearDuplicate.simhash(STORY), NearDuplicate.simhash(STORY.toUpperCase(java.util.Locale.ROOT))))
                .isZero();
    }

    @Test
    void differentStoriesAreFarApart() {
        String other = "The central bank left interest rates unchanged on Thursday, saying inflation was easing more"
                + " slowly than expected and that wage growth remained strong across most sectors of the economy, while"
                + " economists polled beforehand had been split on whether a cut would come before the summer break.";
        int d = NearDuplicate.distance(NearDuplicate.simhash(STORY), NearDuplicate.simhash(other));
        assertThat(d).isGreaterThan(NearDuplicate.SAME_STORY_MAX_DISTANCE * 3);
    }

    @Test
    void emptyTextHasTheZeroFingerprint() {
        assertThat(NearDuplicate.simhash("  ... ")).isZero();
    }
}
