package dev.pgdrill.junit;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * The pattern a Maven build uses (Surefire and Failsafe hand engines class selectors only): a suite
 * class that selects the drill directory for the {@code pgdrill} engine. Run by Failsafe as is, and
 * checked event by event in {@link SuitePatternIT}.
 */
@Suite
@IncludeEngines("pgdrill")
@SelectDirectories("src/test/drills/suite")
@ConfigurationParameter(key = "pgdrill.report-dir", value = "target/drill-reports-suite")
public class DrillsSuiteIT {
}
