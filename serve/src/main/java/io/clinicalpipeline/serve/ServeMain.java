package io.clinicalpipeline.serve;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The container's {@code serve} command: loads the model directory (from {@code s3://} through the AWS
 * SDK's default credentials, region and endpoint settings, e.g. {@code AWS_ENDPOINT_URL_S3}), then answers on the port until the
 * process is stopped. Exit codes: 1 the model could not be loaded, 2 bad options.
 */
public final class ServeMain {

  private static final System.Logger LOG = System.getLogger(ServeMain.class.getName());

  private ServeMain() {}

  /**
   * Undertow's and XGBoost4J's logging would pick the AWS SDK's slf4j, which has no binding here (dropped,
   * with a warning); keeps both on java.util.logging. Call before either library loads.
   */
  static void useJdkLogging() {
    System.setProperty("org.jboss.logging.provider", "jdk");
    System.setProperty("org.apache.commons.logging.LogFactory", "org.apache.commons.logging.impl.LogFactoryImpl");
    System.setProperty("org.apache.commons.logging.Log", "org.apache.commons.logging.impl.Jdk14Logger");
  }

  public static void main(String[] args) throws InterruptedException {
    useJdkLogging();
    ServeOptions options;
    try {
      options = ServeOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Predictor model;
    try {
      Path local = Path.of(options.modelDir().startsWith("s3://") ? "." : options.modelDir());
      if (options.modelDir().startsWith("s3://")) {
        try (S3Client s3 = S3Client.create()) {
          local = ModelFetch.fetch(s3, options.modelDir(), Files.createTempDirectory("model"));
        }
      }
      ModelDir dir = ModelDir.read(local, options.featureManifest().map(Path::of));
      model = Predictor.load(dir);
    } catch (Exception e) {
      System.err.println("cannot load the model: " + e.getMessage());
      System.exit(1);
      return;
    }
    InferenceServer server = InferenceServer.start(model, options);
    LOG.log(Level.INFO, "serving a model of " + model.width() + " features on " + options.host() + ":"
        + server.port() + " with " + options.workers() + " workers");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      model.close();
      stopped.countDown();
    }));
    stopped.await();
  }
}
