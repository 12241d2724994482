package io.clinicalpipeline.launch;

import io.clinicalpipeline.common.JobRunner;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code clinical-pipeline} command line: {@code clinical-pipeline <command> [options]}. */
public final class Main {

  /** Anywhere on the command line: every library's INFO lines too (quiet by default). */
  static final String VERBOSE = "--verbose";

  private Main() {}

  /** Every command, in the order {@code --help} lists them. */
  static List<Command> commands() {
    return List.of(
        new RunLocalCommand(),
        new IngestCommand(),
        new DeidentifyCommand(),
        new QualityCommand(),
        new FeaturesCommand(),
        new MedsExportCommand(),
        new MedsValidateCommand(),
        new TrainCommand(),
        new EvaluateCommand(),
        new DeidTextCommand(),
        new DeidEvalCommand(),
        new DeidBenchCommand(),
        new FeaturesBenchCommand(),
        new EvaluateBenchCommand(),
        new PipelineBenchCommand(),
        new SampleDataCommand(),
        new RegistryCommand(),
        new ScoreCommand(),
        new SageMakerCommand());
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    List<String> all = Arrays.asList(args);
    if (all.contains(VERBOSE)) {
      ConsoleLogging.verbose();
      args = all.stream().filter(a -> !a.equals(VERBOSE)).toArray(String[]::new);
    }
    Map<String, Command> byName = new LinkedHashMap<>();
    for (Command c : commands()) {
      byName.put(c.name(), c);
    }
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      System.out.println(usage(byName));
      return args.length == 0 ? 2 : 0;
    }
    Command command = byName.get(args[0]);
    if (command == null) {
      System.err.println("clinical-pipeline: unknown command '" + args[0] + "'");
      System.err.println(usage(byName));
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
      System.out.println(command.help());
      return 0;
    }
    return JobRunner.run(command.name(), () -> command.run(rest));
  }

  static String usage(Map<String, Command> byName) {
    StringBuilder sb = new StringBuilder("Usage: clinical-pipeline <command> [options]\n\nCommands:\n");
    byName.values().forEach(c -> sb.append(String.format("  %-15s %s%n", c.name(), c.summary())));
    sb.append("\nRun 'clinical-pipeline <command> --help' for a command's options.");
    sb.append("\nAdd --verbose to any command for the libraries' INFO lines (Spark, Hadoop, Deequ).");
    return sb.toString();
  }
}
