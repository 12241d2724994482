package io.clinicalpipeline.launch.sagemaker;

import io.clinicalpipeline.launch.config.ConfigException;
import java.util.Map;

/**
 * The container images the definition uses and the paths inside them. The Spark processing image is pinned
 * to a tag that runs Java 17 (tags before v1.1 of the 3.5 line run Java 8); {@code src/Dockerfile} layers
 * the jobs jar onto the same image at {@link #BAKED_JAR} for teams that build their own.
 */
public final class ContainerImages {

  public static final String SPARK_REPOSITORY = "sagemaker-spark-processing";
  public static final String SPARK_TAG = "3.5-cpu-py312-v1.3";
  /** SageMaker's Spark launcher inside the image; runs spark-submit on YARN across the job's instances. */
  public static final String SPARK_SUBMIT = "smspark-submit";
  public static final String JAR_NAME = "clinical-pipeline-jobs.jar";
  /** Where the jar arrives as processing input {@code code}. */
  public static final String CODE_DIR = "/opt/ml/processing/input/code";
  /** Where {@code src/Dockerfile} bakes the jar into a custom image. */
  public static final String BAKED_JAR = "/opt/clinical-pipeline/" + JAR_NAME;
  /** EMR-style Spark classifications {@code smspark-submit} reads. */
  public static final String CONF_DIR = "/opt/ml/processing/input/conf";

  public static final String XGBOOST_REPOSITORY = "sagemaker-xgboost";
  /** XGBoost 3.0.5; the local trainer runs XGBoost4J 3.0.x (3.0.5 is not on Maven Central). */
  public static final String XGBOOST_TAG = "3.0-5";

  /** ECR accounts of the Spark processing image, per region (the SageMaker Python SDK's image config). */
  static final Map<String, String> SPARK_ACCOUNTS =
      Map.ofEntries(
          Map.entry("af-south-1", "309385258863"),
          Map.entry("ap-east-1", "732049463269"),
          Map.entry("ap-northeast-1", "411782140378"),
          Map.entry("ap-northeast-2", "860869212795"),
          Map.entry("ap-northeast-3", "102471314380"),
          Map.entry("ap-south-1", "105495057255"),
          Map.entry("ap-southeast-1", "759080221371"),
          Map.entry("ap-southeast-2", "440695851116"),
          Map.entry("ca-central-1", "446299261295"),
          Map.entry("eu-central-1", "906073651304"),
          Map.entry("eu-north-1", "330188676905"),
          Map.entry("eu-south-1", "753923664805"),
          Map.entry("eu-west-1", "571004829621"),
          Map.entry("eu-west-2", "836651553127"),
          Map.entry("eu-west-3", "136845547031"),
          Map.entry("me-south-1", "750251592176"),
          Map.entry("sa-east-1", "737130764395"),
          Map.entry("us-east-1", "173754725891"),
          Map.entry("us-east-2", "314815235551"),
          Map.entry("us-west-1", "667973535471"),
          Map.entry("us-west-2", "153931337802"));

  /** ECR accounts of the built-in XGBoost algorithm image, for the regions we list; others set
   * {@code sagemaker.training.image-uri}. */
  static final Map<String, String> XGBOOST_ACCOUNTS =
      Map.ofEntries(
          Map.entry("ap-northeast-1", "354813040037"),
          Map.entry("ap-southeast-1", "121021644041"),
          Map.entry("ap-southeast-2", "783357654285"),
          Map.entry("ca-central-1", "341280168497"),
          Map.entry("eu-central-1", "492215442770"),
          Map.entry("eu-west-1", "141502667606"),
          Map.entry("eu-west-2", "764974769150"),
          Map.entry("us-east-1", "683313688378"),
          Map.entry("us-east-2", "257758044811"),
          Map.entry("us-west-1", "746614075791"),
          Map.entry("us-west-2", "246618743249"));

  private ContainerImages() {}

  public static String sparkProcessing(String region) {
    return uri(SPARK_ACCOUNTS, region, SPARK_REPOSITORY, SPARK_TAG, "sagemaker.image-uri");
  }

  public static String xgboost(String region) {
    return uri(XGBOOST_ACCOUNTS, region, XGBOOST_REPOSITORY, XGBOOST_TAG, "sagemaker.training.image-uri");
  }

  private static String uri(Map<String, String> accounts, String region, String repo, String tag, String key) {
    String account = accounts.get(region);
    if (account == null) {
      throw new ConfigException("no known " + repo + " image in region " + region + "; set " + key);
    }
    String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    return account + ".dkr.ecr." + region + "." + domain + "/" + repo + ":" + tag;
  }
}
