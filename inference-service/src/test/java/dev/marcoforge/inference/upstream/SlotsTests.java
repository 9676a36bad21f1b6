package dev.marcoforge.inference.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlotsTests {

    @Test
    void freeSlotsAreHandedOutAtOnceAndTheRestWait() {
        Slots slots = new Slots(2);
        assertThat(take(slots, null).getItem()).isTrue();
        assertThat(take(slots, null).getItem()).isTrue();
        var third = take(slots, null);
        assertThat(third.getItem()).isNull();
        assertThat(slots.inFlight()).isEqualTo(2);
        assertThat(slots.queued()).isEqualTo(1);

        slots.release();
        assertThat(third.getItem()).isTrue();
        assertThat(slots.inFlight()).isEqualTo(2);
        assertThat(slots.queued()).isZero();
    }

    @Test
    void waitersAreServedInArrivalOrder() {
        Slots slots = new Slots(1);
        take(slots, null);
        var first = take(slots, null);
        var second = take(slots, null);

        slots.release();
        assertThat(first.getItem()).isTrue();
        assertThat(second.getItem()).isNull();
        slots.release();
        assertThat(second.getItem()).isTrue();
    }

    @Test
    void aWaiterWhosePatienceRanOutGetsFalseAndIsSkipped() {
        Slots slots = new Slots(1);
        take(slots, null);
        var impatient = take(slots, Duration.ofMillis(50));
        var patient = take(slots, null);

        impatient.awaitItem(Duration.ofSeconds(5));
        assertThat(impatient.getItem()).isFalse();
        slots.release();
        assertThat(patient.getItem()).isTrue();
        slots.release();
        assertThat(slots.inFlight()).isZero();
        assertThat(take(slots, Duration.ZERO).getItem()).isTrue();
    }

    private static UniAssertSubscriber<Boolean> take(Slots slots, Duration patience) {
        return slots.acquire(patience).subscribe().withSubscriber(UniAssertSubscriber.create());
    }
}
