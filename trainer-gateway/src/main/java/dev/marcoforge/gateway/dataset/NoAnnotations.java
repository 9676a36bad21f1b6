package dev.marcoforge.gateway.dataset;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** No annotations yet: no chain is rejected. */
@ApplicationScoped
@DefaultBean
public class NoAnnotations implements AnnotationVerdicts {

    @Override
    public boolean rejected(String chainId) {
        return false;
    }
}
