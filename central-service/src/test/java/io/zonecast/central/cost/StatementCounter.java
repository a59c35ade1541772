package io.zonecast.central.cost;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements and commits the application sends, per thread name, by wrapping the
 * DataSource (a BeanPostProcessor a test registers): the work a REST call costs the database, which
 * load on the machine does not change. Each execution and each commit is one round trip.
 */
public class StatementCounter implements BeanPostProcessor {

  private static final Set<String> EXECUTIONS =
      Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch");

  /** One statement executed: the thread that sent it and its SQL. */
  public record Execution(String thread, String sql) {}

  private final List<Execution> executions = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicLong> statements = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> commits = new ConcurrentHashMap<>();

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    if (bean instanceof DataSource dataSource) {
      return proxy(
          DataSource.class,
          dataSource,
          (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection c
                ? proxy(Connection.class, c, connection())
                : result;
          });
    }
    return bean;
  }

  /** Statements executed so far by threads whose name starts with {@code threadPrefix}. */
  public long statements(String threadPrefix) {
    return sum(statements, threadPrefix);
  }

  /** Every statement executed so far, in order; a test reads those after a mark it took. */
  public List<Execution> executions() {
    return List.copyOf(executions);
  }

  /** Commits so far by threads whose name starts with {@code threadPrefix}. */
  public long commits(String threadPrefix) {
    return sum(commits, threadPrefix);
  }

  private static long sum(Map<String, AtomicLong> counts, String prefix) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(e -> e.getValue().get())
        .sum();
  }

  private Handler connection() {
    return (target, method, args) -> {
      if (method.getName().equals("commit")) {
        count(commits);
      }
      Object result = invoke(target, method, args);
      Class<? extends Statement> type =
          switch (method.getName()) {
            case "createStatement" -> Statement.class;
            case "prepareStatement" -> PreparedStatement.class;
            case "prepareCall" -> CallableStatement.class;
            default -> null;
          };
      String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : null;
      return type == null ? result : proxy(type, result, statement(sql));
    };
  }

  private Handler statement(String preparedSql) {
    return (target, method, args) -> {
      if (EXECUTIONS.contains(method.getName())) {
        count(statements);
        String sql =
            preparedSql != null
                ? preparedSql
                : args != null && args.length > 0 ? String.valueOf(args[0]) : "?";
        executions.add(
            new Execution(Thread.currentThread().getName(), sql.replaceAll("\\s+", " ")));
      }
      return invoke(target, method, args);
    };
  }

  private static void count(Map<String, AtomicLong> counts) {
    counts
        .computeIfAbsent(Thread.currentThread().getName(), n -> new AtomicLong())
        .incrementAndGet();
  }

  private interface Handler {
    Object handle(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable;
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, Object target, Handler handler) {
    InvocationHandler h =
        (p, method, args) -> {
          if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
            return invoke(target, method, args);
          }
          return handler.handle(target, method, args);
        };
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
