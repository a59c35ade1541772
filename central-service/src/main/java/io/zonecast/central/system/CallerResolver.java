package io.zonecast.central.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Supplies a {@link Caller} to controller methods from the noauth headers. */
@Configuration
class CallerResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

  static final String PROJECT_HEADER = "X-Auth-Project-ID";
  static final String DEFAULT_PROJECT = "noauth-project";
  private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,255}");

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(this);
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Caller resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mav,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    String project = request.getHeader(PROJECT_HEADER);
    if (project == null || project.isBlank()) {
      project = DEFAULT_PROJECT;
    } else if (!PROJECT_ID.matcher(project.trim()).matches()) {
      throw ApiException.badRequest(
          "bad_request", PROJECT_HEADER + " must be 1 to 255 letters, digits or -_.:@");
    }
    return new Caller(project.trim(), RequestIds.current(request));
  }
}
