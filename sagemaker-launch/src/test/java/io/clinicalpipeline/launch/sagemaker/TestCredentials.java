package io.clinicalpipeline.launch.sagemaker;

/** Static test credentials for the local endpoints, through the SDK's system-property provider. */
final class TestCredentials {
  static final String ACCESS_KEY = "local-test-access";
  static final String SECRET_KEY = "local-test-secret";

  private TestCredentials() {}

  static void install() {
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
  }
}
