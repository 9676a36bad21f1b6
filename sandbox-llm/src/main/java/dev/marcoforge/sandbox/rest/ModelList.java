package dev.marcoforge.sandbox.rest;

import java.util.List;

public record ModelList(String object, List<ModelCard> data) {
}
