package io.clinicalpipeline.launch.local;

import io.clinicalpipeline.common.JobRunner.JobException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Calls a job's {@code public static int run(String[] args)} by class name, in this JVM, exactly as the
 * job's own {@code main} would (so the launcher compiles without the job classes).
 */
public final class JobInvoker {

  private JobInvoker() {}

  public static int run(String mainClass, List<String> args) throws Exception {
    Method run;
    try {
      run = Class.forName(mainClass).getMethod("run", String[].class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw new JobException("job " + mainClass + " is not on the classpath (build the jobs module)");
    }
    try {
      return (Integer) run.invoke(null, (Object) args.toArray(String[]::new));
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw (Error) cause;
    }
  }
}
