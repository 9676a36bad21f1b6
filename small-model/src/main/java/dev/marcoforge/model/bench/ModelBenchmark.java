package dev.marcoforge.model.bench;

import ai.djl.ndarray.NDManager;
import dev.marcoforge.model.ChatTokenizer;
import dev.marcoforge.model.ChatTokenizer.EncodedChat;
import dev.marcoforge.model.ChatTurn;
import dev.marcoforge.model.ModelConfig;
import dev.marcoforge.model.ModelRuntime;
import dev.marcoforge.model.Sampler;
import dev.marcoforge.model.SamplingOptions;
import dev.marcoforge.model.TransformerModel;
import dev.marcoforge.model.train.StepMetrics;
import dev.marcoforge.model.train.Trainer;
import dev.marcoforge.model.train.TrainingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Prints the training tokens/s and sampling tokens/s (batch 1 and batched) of a model config (the default small
 * one unless a config file is given) on letter-counting chains of realistic length.
 *
 * <pre>java -cp ... dev.marcoforge.model.bench.ModelBenchmark [config.json] [train-steps] [sample-tokens]</pre>
 */
public final class ModelBenchmark {

    public static void main(String[] args) {
        ModelConfig config = args.length > 0 && !args[0].isBlank() ? ModelConfig.read(Path.of(args[0]))
                : ModelConfig.small();
        int trainSteps = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int sampleTokens = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        ModelRuntime.engine(Path.of(System.getProperty("java.io.tmpdir"), "marco-djl-cache"));
        System.out.printf("model: width %d, depth %d, heads %d, context %d, %,d parameters; %d cores%n",
                config.width(), config.depth(), config.heads(), config.contextLength(), config.parameterCount(),
                Runtime.getRuntime().availableProcessors());
        List<EncodedChat> examples = chains(256, config.contextLength());
        double meanLength = examples.stream().mapToInt(EncodedChat::length).average().orElse(0);
        try (NDManager manager = NDManager.newBaseManager();
                TransformerModel model = TransformerModel.initialize(config, 1, manager)) {
            ModelRuntime.threads(Runtime.getRuntime().availableProcessors());
            for (int batch : new int[] {32, 64}) {
                List<StepMetrics> steps = new ArrayList<>();
                TrainingOptions options = TrainingOptions.defaults().withSteps(trainSteps + 3).withBatchSize(batch);
                new Trainer(model).sft(examples, options, steps::add, () -> false);
                long tokens = 0;
                double seconds = 0;
                for (StepMetrics step : steps.subList(3, steps.size())) {
                    tokens += step.tokens();
                    seconds += step.tokens() / step.tokensPerSecond();
                }
                System.out.printf("training (SFT, batch %d, mean sequence %.0f tokens): %,.0f tokens/s over %d steps"
                        + " (target >= 15,000)%n", batch, meanLength, tokens / seconds, steps.size() - 3);
            }
            // One thread per sampling call: see ModelRuntime.threads.
            ModelRuntime.threads(1);
            Sampler sampler = new Sampler(model);
            int[] prompt = ChatTokenizer.instance().encodeChat(List.of(ChatTurn.user(
                    "How many r in strawberry?")), true).ids();
            int budget = Math.min(sampleTokens, config.contextLength() - prompt.length - 1);
            // A stop-free sample of exactly `budget` tokens: a random model rarely ends early, but count what came.
            SamplingOptions warm = new SamplingOptions(1.0, 1.0, 1L, 20, List.of(), 1);
            sampler.generate(prompt, warm);
            for (int n : new int[] {1, 8}) {
                // An untrained model may end an answer early: sample again until the token count is reached.
                long tokens = 0;
                long seed = 7;
                long start = System.nanoTime();
                while (tokens < (long) sampleTokens * n) {
                    SamplingOptions options = new SamplingOptions(1.0, 1.0, seed++, budget, List.of(), n);
                    tokens += sampler.generate(prompt, options).stream().mapToInt(c -> c.completionTokens()).sum();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("sampling (batch %d, KV cache, top_p 1, 1 thread): %,.0f tokens/s (%d tokens in %.2f s)%s%n",
                        n, tokens / seconds, tokens, seconds, n == 1 ? " (target >= 400)" : "");
            }
        }
    }

    /** Letter-counting conversations with a chain in Marco's tags, as the MCTS data sets hold them. */
    static List<EncodedChat> chains(int count, int context) {
        Random random = new Random(5);
        String letters = "abcdefghijklmnopqrstuvwxyz";
        List<EncodedChat> chains = new ArrayList<>();
        while (chains.size() < count) {
            StringBuilder word = new StringBuilder();
            int length = 5 + random.nextInt(8);
            for (int i = 0; i < length; i++) {
                word.append(letters.charAt(random.nextInt(letters.length())));
            }
            char letter = word.charAt(random.nextInt(word.length()));
            StringBuilder spelled = new StringBuilder();
            int seen = 0;
            for (char c : word.toString().toCharArray()) {
                spelled.append(c);
                if (c == letter) {
                    spelled.append('(').append(++seen).append(')');
                }
                spelled.append(' ');
            }
            String answer = "<thinking>" + spelled.toString().strip() + "</thinking>\n<answer>" + seen
                    + "</answer>";
            EncodedChat chat = ChatTokenizer.instance().encodeAnswer(List.of(ChatTurn.user(
                    "How many " + letter + " in " + word + "?")), answer);
            if (chat.length() <= context) {
                chains.add(chat);
            }
        }
        return chains;
    }
}
