package dev.marcoforge.gateway.dataset;

import dev.marcoforge.contracts.DpoRecord;

/** Hands DPO records to the users' trainers; returns once the record is accepted, throws when it is not. */
public interface DpoRecordPublisher {

    void publish(DpoRecord record);
}
