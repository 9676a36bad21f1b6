package dev.marcoforge.generator.rest;

import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.SearchResult;
import dev.marcoforge.generator.config.SearchConfig;
import dev.marcoforge.generator.persistence.Job;
import dev.marcoforge.generator.persistence.ProblemRun;
import dev.marcoforge.generator.persistence.SearchNode;
import dev.marcoforge.generator.search.ChainAssembler;
import dev.marcoforge.generator.search.ConfigCache;
import dev.marcoforge.generator.search.TreeState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads jobs, trees, chains and results for the REST API, straight from the search's tables. */
@ApplicationScoped
public class JobQueries {

    private final ConfigCache configs;

    public JobQueries(ConfigCache configs) {
        this.configs = configs;
    }

    @Transactional
    public List<Views.JobSummary> jobs() {
        List<Job> jobs = Job.list("order by createdAt desc");
        return jobs.stream().map(job -> {
            var s = status(job, runsOf(job.id));
            return new Views.JobSummary(s.jobId(), s.name(), s.status(), s.createdAt(), s.total(), s.pending(),
                    s.running(), s.solved(), s.unsolved(), s.errored(), s.pausedReason());
        }).toList();
    }

    @Transactional
    public Optional<Views.JobStatus> job(String jobId) {
        return Job.<Job>findByIdOptional(jobId).map(job -> status(job, runsOf(jobId)));
    }

    @Transactional
    public Optional<Views.Tree> tree(String jobId, String problemId) {
        Optional<ProblemRun> found = ProblemRun.find("jobId = ?1 and problemId = ?2", jobId, problemId)
                .firstResultOptional();
        if (found.isEmpty() || found.get().treeId == null) {
            return Optional.empty();
        }
        ProblemRun run = found.get();
        TreeState tree = TreeState.load(run.id);
        return Optional.of(new Views.Tree(run.treeId, run.jobId, run.problemId, run.question,
                readJson(run.groundTruthJson), node(tree, tree.root())));
    }

    /** The tree in the reference's JSON shape, see {@link ReferenceTree}. */
    @Transactional
    public Optional<List<ReferenceTree.Node>> referenceTree(String jobId, String problemId) {
        return startedRun(jobId, problemId).map(run -> ReferenceTree.json(TreeState.load(run.id),
                configs.of(run.configJson), run.question));
    }

    /** The tree as the reference's indented text. */
    @Transactional
    public Optional<String> textTree(String jobId, String problemId) {
        return startedRun(jobId, problemId).map(run -> ReferenceTree.text(TreeState.load(run.id), run.question));
    }

    private static Optional<ProblemRun> startedRun(String jobId, String problemId) {
        return ProblemRun.<ProblemRun>find("jobId = ?1 and problemId = ?2", jobId, problemId).firstResultOptional()
                .filter(run -> run.treeId != null);
    }

    /** Every finished root-to-answer chain of the job, problems in submission order; empty when the job is unknown. */
    @Transactional
    public Optional<List<Chain>> chains(String jobId) {
        if (Job.findById(jobId) == null) {
            return Optional.empty();
        }
        List<Chain> chains = new ArrayList<>();
        for (ProblemRun run : runsOf(jobId)) {
            if (run.treeId == null) {
                continue;
            }
            TreeState tree = TreeState.load(run.id);
            SearchConfig config = configs.of(run.configJson);
            tree.finishedAnswers().forEach(answer -> chains.add(ChainAssembler.chain(run, tree, answer, config)));
        }
        return Optional.of(chains);
    }

    /** The search results of the job's finished problems. */
    @Transactional
    public Optional<List<SearchResult>> results(String jobId) {
        if (Job.findById(jobId) == null) {
            return Optional.empty();
        }
        List<SearchResult> results = new ArrayList<>();
        for (ProblemRun run : runsOf(jobId)) {
            if (run.isFinished()) {
                TreeState tree = run.treeId == null ? TreeState.of(List.of()) : TreeState.load(run.id);
                results.add(ChainAssembler.result(run, tree));
            }
        }
        return Optional.of(results);
    }

    private static List<ProblemRun> runsOf(String jobId) {
        return ProblemRun.list("jobId = ?1 order by position, problemId", jobId);
    }

    private static Views.JobStatus status(Job job, List<ProblemRun> runs) {
        int pending = count(runs, ProblemRun.PENDING);
        int running = count(runs, ProblemRun.RUNNING);
        int solved = count(runs, ProblemRun.SOLVED);
        int unsolved = count(runs, ProblemRun.UNSOLVED);
        int errored = count(runs, ProblemRun.ERROR);
        List<Views.ProblemStatus> problems = runs.stream()
                .map(r -> new Views.ProblemStatus(r.problemId, r.status, r.error, r.treeId, r.nodeCount)).toList();
        return new Views.JobStatus(job.id, job.name, job.shownStatus(), job.createdAt, job.completedAt, runs.size(),
                pending, running, solved, unsolved, errored, job.pausedReason, problems);
    }

    private static int count(List<ProblemRun> runs, String status) {
        return (int) runs.stream().filter(r -> status.equals(r.status)).count();
    }

    private static Views.Node node(TreeState tree, SearchNode node) {
        Views.VerdictView verdict = node.hasVerdict()
                ? new Views.VerdictView(node.verdictCorrect, node.verdictExtracted, node.verdictReason)
                : null;
        List<Views.Node> children = tree.childrenOf(node.id).stream().map(c -> node(tree, c)).toList();
        return new Views.Node(node.id, node.action, node.text, node.modelRole, node.tag, node.depth, node.visits,
                node.totalReward, verdict, children);
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String json) {
        try {
            return MessageCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
