package com.example.drills;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/** Every drill in src/test/drills, each step a test in Surefire's report. */
@Suite
@IncludeEngines("pgdrill")
@SelectDirectories("src/test/drills")
class DrillsTest {
}
