package dev.rewind.cli;

import dev.rewind.cli.output.OutputFormat;
import dev.rewind.kube.KubernetesConnection;
import dev.rewind.restore.RestoreListener;
import dev.rewind.restore.RestoreRequest;
import dev.rewind.restore.wholeapp.AppRestoreResult;
import dev.rewind.restore.wholeapp.AppRestoreService;
import dev.rewind.storage.BlobStoreFactory;
import dev.rewind.storage.Sleeper;
import java.security.SecureRandom;
import java.util.Optional;

/** The whole-app branch of {@code rewind restore}: wires {@link AppRestoreService} and renders its result. */
final class AppRestoreInvocation {
    private final RewindCommand rewind;
    private final AppRestoreService service;

    AppRestoreInvocation(RewindCommand rewind, KubernetesConnection cluster, RestoreListener volumeProgress) {
        this.rewind = rewind;
        this.service = AppRestoreService.standard(cluster.reader(), cluster.actions(), cluster.environment(),
                cluster.restoreEnvironment(), cluster.moverLogs(), cluster.postgres(), BlobStoreFactory.standard(rewind.clock()), rewind.clock(), Sleeper.system(),
                new SecureRandom(), volumeProgress, StderrProgress.of(rewind));
    }

    /** {@code --with-database}: plan, and run unless a dry run; {@code -o yaml} of a dry run prints the manifests. */
    int restore(RestoreRequest volume, DatabaseOptions options) {
        AppRestoreResult result = service.restore(options.request(volume));
        if (result.dryRun() && rewind.output() == OutputFormat.YAML) {
            rewind.out().print(result.plan().orElseThrow().manifestsYaml());
            rewind.out().flush();
            return ExitCode.SUCCESS.code();
        }
        return render(result);
    }

    /** {@code --resume}/{@code --abort} of a journalled whole-app restore; empty when none is journalled. */
    Optional<Integer> continueRun(String app, String namespace, boolean resume) {
        if (namespace == null || !service.isJournalled(app, namespace)) {
            return Optional.empty();
        }
        return Optional.of(render(resume ? service.resume(app, namespace) : service.abort(app, namespace)));
    }

    private int render(AppRestoreResult result) {
        rewind.render(AppRestoreView.of(result));
        return AppRestoreView.exitCode(result);
    }
}
