package dev.marcoforge.gateway.dataset;

/**
 * Whether an annotator rejected a chain. The hook of the {@code annotatorRejected} filter; until annotation exists
 * the default bean ({@link NoAnnotations}) rejects nothing, and an annotation feature replaces it with its own bean.
 */
public interface AnnotationVerdicts {

    boolean rejected(String chainId);
}
