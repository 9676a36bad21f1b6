package dev.marcoforge.generator.search;

/** What a problem's search does next: call the policy model, or apply a transition that is already decided. */
public sealed interface Step permits PolicyCall, Transition {
}
