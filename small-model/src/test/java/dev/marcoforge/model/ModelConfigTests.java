package dev.marcoforge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelConfigTests {

    @Test
    void theDefaultConfigIsAboutOneMillionParameters() {
        assertThat(ModelConfig.small().parameterCount()).isBetween(700_000L, 1_200_000L);
    }

    @Test
    void readsTheJsonItWrites() {
        ModelConfig config = ModelConfig.parse("{\"vocab_size\":263,\"context_length\":64,\"width\":32,"
                + "\"depth\":2,\"heads\":4,\"mlp_ratio\":4}");
        assertThat(config.headWidth()).isEqualTo(8);
    }

    @Test
    void everyFaultIsNamed() {
        assertThatThrownBy(() -> ModelConfig.parse("{\"vocab_size\":10,\"context_length\":64,\"width\":30,"
                + "\"depth\":0,\"heads\":4,\"mlp_ratio\":4}"))
                .hasMessageContaining("vocab_size must be at least 263")
                .hasMessageContaining("depth must be in 1..64")
                .hasMessageContaining("heads must be at least 1 and divide width 30");
        assertThatThrownBy(() -> ModelConfig.parse("{\"vocab_size\":263,\"context_length\":64,\"width\":32,"
                + "\"depth\":2,\"heads\":4,\"mlp_ratio\":4,\"dropout\":0.1}"))
                .hasMessageContaining("dropout");
        assertThatThrownBy(() -> ModelConfig.parse("{\"vocab_size\":263}"))
                .hasMessageContaining("invalid model config");
    }
}
