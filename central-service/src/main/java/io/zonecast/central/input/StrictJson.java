package io.zonecast.central.input;

import java.lang.reflect.Type;
import java.util.Map;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;

/**
 * JSON bodies are taken exactly or refused: a key given twice is a parse error (which value was
 * meant would be a guess; RFC 8259 section 4 leaves it to the receiver), and every string and key
 * of a body is checked by {@link StrictText} before a controller sees it, naming where it is.
 */
@ControllerAdvice
public class StrictJson extends RequestBodyAdviceAdapter {

  @Bean
  static JsonMapperBuilderCustomizer strictDuplicateDetection() {
    return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  }

  @Override
  public boolean supports(
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return JsonNode.class.isAssignableFrom(parameter.getParameterType());
  }

  @Override
  public Object afterBodyRead(
      Object body,
      HttpInputMessage inputMessage,
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    if (body instanceof JsonNode node) {
      check(node, "");
    }
    return body;
  }

  /** 400 invalid_object naming the first string or key of {@code body} that cannot be stored. */
  public static void check(JsonNode body) {
    check(body, "");
  }

  private static void check(JsonNode node, String path) {
    if (node.isString()) {
      StrictText.check(path.isEmpty() ? "the body" : "'" + path + "'", node.asString());
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        StrictText.check("a key", field.getKey());
        check(field.getValue(), child);
      }
    }
  }
}
