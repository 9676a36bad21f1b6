package dev.marcoforge.sandbox.rest;

import java.util.List;

/** The reference's answer: one text per requested sample, stop sequence excluded. */
public record GenerateResponse(List<String> response) {
}
