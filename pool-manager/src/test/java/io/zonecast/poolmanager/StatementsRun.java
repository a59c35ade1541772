package io.zonecast.poolmanager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * A real {@link JdbcTemplate} that also notes the statements it runs through {@code query(sql,
 * rowMapper, args)} and {@code update(sql, args)}: a test can then EXPLAIN exactly what the code
 * under test ran, with its arguments, without the code exposing its SQL.
 */
public final class StatementsRun extends JdbcTemplate {

  /** A statement as the code ran it. */
  public record Statement(String sql, List<Object> args) {

    /** PostgreSQL's plan for the statement with its arguments, one line a row. */
    public String plan(JdbcTemplate jdbc) {
      return String.join("\n", jdbc.queryForList("explain " + sql, String.class, args.toArray()));
    }
  }

  private final List<Statement> run = new CopyOnWriteArrayList<>();

  public StatementsRun(DataSource dataSource) {
    super(dataSource);
  }

  @Override
  public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
    run.add(new Statement(sql, Arrays.asList(args)));
    return super.query(sql, rowMapper, args);
  }

  @Override
  public int update(String sql, Object... args) {
    run.add(new Statement(sql, Arrays.asList(args)));
    return super.update(sql, args);
  }

  /** The statements run so far, and forgets them. */
  public List<Statement> taken() {
    List<Statement> taken = new ArrayList<>(run);
    run.removeAll(taken);
    return taken;
  }
}
