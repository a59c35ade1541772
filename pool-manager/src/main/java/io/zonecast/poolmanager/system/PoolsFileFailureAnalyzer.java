package io.zonecast.poolmanager.system;

import io.zonecast.model.pool.InvalidPoolsFileException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad pools file at start-up into a short "APPLICATION FAILED TO START" message. */
class PoolsFileFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPoolsFileException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidPoolsFileException cause) {
    return new FailureAnalysis(
        "The pools file cannot be used: " + cause.getMessage(),
        "Fix the file, or point zonecast.pool-manager.pools-file (--zonecast.pool-manager"
            + ".pools-file=...) at a Designate-format pools.yaml.",
        cause);
  }
}
