package dev.marcoforge.gateway;

/** {@link TestKeys} for tests in sub-packages. */
public final class TestKeysAccess {

    private TestKeysAccess() {
    }

    public static String unlimited(String name) {
        return TestKeys.unlimited(name);
    }
}
