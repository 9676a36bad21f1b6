package dev.marcoforge.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A byte-level tokenizer: tokens 0..255 are the UTF-8 bytes of the text, so any text round-trips and no vocabulary
 * file is needed; 256.. are the special tokens of the chat template.
 *
 * <p>The chat template: {@code <|bos|>}, then per message its role token, the text and {@code <|end|>}; a
 * generation prompt is the {@code <|assistant|>} token, and the model ends its answer with {@code <|end|>}. In a
 * rendered template the special tokens show as their names.
 */
public final class ChatTokenizer {

    public static final int PAD = 256;
    public static final int BOS = 257;
    public static final int EOS = 258;
    public static final int SYSTEM = 259;
    public static final int USER = 260;
    public static final int ASSISTANT = 261;
    public static final int END = 262;
    public static final int VOCAB_SIZE = 263;

    static final String TYPE = "byte-chat-v1";
    private static final List<String> SPECIAL_NAMES = List.of("<|pad|>", "<|bos|>", "<|eos|>", "<|system|>",
            "<|user|>", "<|assistant|>", "<|end|>");

    private static final ChatTokenizer INSTANCE = new ChatTokenizer();

    private ChatTokenizer() {
    }

    public static ChatTokenizer instance() {
        return INSTANCE;
    }

    public int vocabSize() {
        return VOCAB_SIZE;
    }

    public int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xff;
        }
        return ids;
    }

    /** The text of the byte tokens; special tokens are dropped, broken UTF-8 becomes U+FFFD. */
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length);
        for (int id : ids) {
            checkId(id);
            if (id < 256) {
                bytes.write(id);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Like {@link #decode} but special tokens show as their names: for logs and tests. */
    public String render(int[] ids) {
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (int id : ids) {
            checkId(id);
            if (id < 256) {
                run.write(id);
            } else {
                text.append(run.toString(StandardCharsets.UTF_8));
                run.reset();
                text.append(SPECIAL_NAMES.get(id - 256));
            }
        }
        return text.append(run.toString(StandardCharsets.UTF_8)).toString();
    }

    public static boolean isSpecial(int id) {
        return id >= 256;
    }

    /**
     * The conversation as token ids, and per token whether it is trained on: the assistant's text and the
     * {@code <|end|>} that closes it, never the prompt. With {@code generationPrompt} the ids end with
     * {@code <|assistant|>}, ready for the model to answer.
     */
    public EncodedChat encodeChat(List<ChatTurn> turns, boolean generationPrompt) {
        IntList ids = new IntList();
        BoolList trained = new BoolList();
        ids.add(BOS);
        trained.add(false);
        for (ChatTurn turn : turns) {
            boolean assistant = turn.role().equals("assistant");
            ids.add(roleToken(turn.role()));
            trained.add(false);
            for (int id : encode(turn.content())) {
                ids.add(id);
                trained.add(assistant);
            }
            ids.add(END);
            trained.add(assistant);
        }
        if (generationPrompt) {
            ids.add(ASSISTANT);
            trained.add(false);
        }
        return new EncodedChat(ids.toArray(), trained.toArray());
    }

    /** The prompt (a generation prompt included) followed by an assistant answer and {@code <|end|>}. */
    public EncodedChat encodeAnswer(List<ChatTurn> prompt, String answer) {
        EncodedChat head = encodeChat(prompt, true);
        int[] body = encode(answer);
        int[] ids = Arrays.copyOf(head.ids(), head.ids().length + body.length + 1);
        boolean[] trained = Arrays.copyOf(head.trained(), ids.length);
        System.arraycopy(body, 0, ids, head.ids().length, body.length);
        ids[ids.length - 1] = END;
        Arrays.fill(trained, head.ids().length, ids.length, true);
        return new EncodedChat(ids, trained);
    }

    private static int roleToken(String role) {
        return switch (role) {
            case "system" -> SYSTEM;
            case "user" -> USER;
            case "assistant" -> ASSISTANT;
            default -> throw new IllegalArgumentException("unknown chat role '" + role + "'");
        };
    }

    private static void checkId(int id) {
        if (id < 0 || id >= VOCAB_SIZE) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary 0.." + (VOCAB_SIZE - 1));
        }
    }

    /** Token ids and, per id, whether a loss is taken on it. */
    public record EncodedChat(int[] ids, boolean[] trained) {

        public int length() {
            return ids.length;
        }

        /**
         * Whether the example can be trained on with a context of {@code context} tokens: its inputs (every token
         * but the last) fit, and there is at least one next-token target.
         */
        public boolean fitsContext(int context) {
            return ids.length >= 2 && ids.length - 1 <= context;
        }
    }

    private static final class IntList {
        private int[] values = new int[64];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    private static final class BoolList {
        private boolean[] values = new boolean[64];
        private int size;

        void add(boolean value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        boolean[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
