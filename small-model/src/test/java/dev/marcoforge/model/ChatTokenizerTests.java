package dev.marcoforge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChatTokenizerTests {

    private final ChatTokenizer tokenizer = ChatTokenizer.instance();

    @Test
    void anyTextRoundTripsThroughByteTokens() {
        String text = "How many r's in \"strawberry\"? Größe 数 🙂\n<answer>3</answer>";
        int[] ids = tokenizer.encode(text);
        assertThat(java.util.Arrays.stream(ids).allMatch(id -> id >= 0 && id < 256)).isTrue();
        assertThat(tokenizer.decode(ids)).isEqualTo(text);
    }

    @Test
    void anExampleFitsAContextWhenItsInputsDoAndItHasATarget() {
        var example = new ChatTokenizer.EncodedChat(new int[] { 1, 2, 3, 4, 5 }, new boolean[5]);
        assertThat(example.fitsContext(4)).isTrue();
        assertThat(example.fitsContext(3)).isFalse();
        assertThat(new ChatTokenizer.EncodedChat(new int[] { 1 }, new boolean[1]).fitsContext(8)).isFalse();
    }

    @Test
    void theChatTemplateMarksRolesAndTrainsOnTheAssistantOnly() {
        var chat = tokenizer.encodeChat(List.of(ChatTurn.system("s"), ChatTurn.user("hi"),
                ChatTurn.assistant("ok")), false);
        assertThat(tokenizer.render(chat.ids()))
                .isEqualTo("<|bos|><|system|>s<|end|><|user|>hi<|end|><|assistant|>ok<|end|>");
        StringBuilder trained = new StringBuilder();
        for (int i = 0; i < chat.length(); i++) {
            if (chat.trained()[i]) {
                trained.append(tokenizer.render(new int[] {chat.ids()[i]}));
            }
        }
        assertThat(trained.toString()).isEqualTo("ok<|end|>");
        assertThat(tokenizer.decode(chat.ids())).isEqualTo("shiok");
    }

    @Test
    void aGenerationPromptEndsWithTheAssistantToken() {
        var prompt = tokenizer.encodeChat(List.of(ChatTurn.user("q")), true);
        assertThat(tokenizer.render(prompt.ids())).isEqualTo("<|bos|><|user|>q<|end|><|assistant|>");
        var answer = tokenizer.encodeAnswer(List.of(ChatTurn.user("q")), "a");
        assertThat(tokenizer.render(answer.ids())).isEqualTo("<|bos|><|user|>q<|end|><|assistant|>a<|end|>");
    }

    @Test
    void unknownRolesAndIdsAreRefusedByName() {
        assertThatThrownBy(() -> new ChatTurn("tool", "x")).hasMessageContaining("'tool'");
        assertThatThrownBy(() -> tokenizer.decode(new int[] {300})).hasMessageContaining("300");
    }

    @Test
    void theStreamDecoderHoldsBackHalfCharacters() {
        Utf8StreamDecoder decoder = new Utf8StreamDecoder();
        StringBuilder out = new StringBuilder();
        int[] ids = tokenizer.encode("a🙂é");
        List<String> pieces = new java.util.ArrayList<>();
        for (int id : ids) {
            String piece = decoder.push(id);
            pieces.add(piece);
            out.append(piece);
        }
        assertThat(out.toString()).isEqualTo("a🙂é");
        // 🙂 is four bytes: nothing shows until the fourth.
        assertThat(pieces.subList(1, 5)).containsExactly("", "", "", "🙂");
        assertThat(decoder.push(0xF0)).isEmpty();
        assertThat(decoder.flush()).isEqualTo("\uFFFD");
    }
}
