package dev.marcoforge.gateway.dataset;

import dev.marcoforge.contracts.SftRecord;

/** Hands SFT records to the users' trainers; returns once the record is accepted, throws when it is not. */
public interface SftRecordPublisher {

    void publish(SftRecord record);
}
