package io.zonecast.central.microversion;

import io.zonecast.central.system.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Honours {@code OpenStack-API-Version: dns X.Y} on {@code /v2} as the API-WG microversion
 * guideline says: a version zonecast implements is echoed (with {@code Vary}), {@code latest} is
 * the newest, another version is 406 naming the range, a malformed one 400. A request without the
 * header gets no header back. (Designate itself ignores the header.)
 */
@Configuration(proxyBeanMethods = false)
class ApiVersionInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  static final String HEADER = "OpenStack-API-Version";

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/v2", "/v2/**");
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    ApiVersion version = ApiVersion.requested(request.getHeader(HEADER));
    if (version == null) {
      return true;
    }
    response.addHeader("Vary", HEADER);
    if (!version.isSupported()) {
      throw new ApiException(
          HttpStatus.NOT_ACCEPTABLE,
          "not_acceptable",
          "Version "
              + version
              + " is not supported by the API. Minimum is "
              + ApiVersion.MIN
              + " and maximum is "
              + ApiVersion.MAX
              + ".");
    }
    response.setHeader(HEADER, ApiVersion.SERVICE_TYPE + " " + version);
    return true;
  }
}
