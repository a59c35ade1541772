package io.zonecast.poolmanager.messaging;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.poolmanager.ZoneChanged;
import io.zonecast.poolmanager.propagation.ZoneChangeHandler;
import org.slf4j.MDC;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Zone changes from central and update_status answers from MiniDNS. */
@Component
class PoolManagerListeners {

  private final ZoneChangeHandler handler;

  PoolManagerListeners(ZoneChangeHandler handler) {
    this.handler = handler;
  }

  @RabbitListener(queues = "#{T(io.zonecast.model.messaging.Messaging).ZONE_CHANGED.queue()}")
  void zoneChanged(ZoneChanged change) {
    withContext(change.context(), () -> handler.zoneChanged(change));
  }

  @RabbitListener(queues = "#{T(io.zonecast.model.messaging.Messaging).UPDATE_STATUS.queue()}")
  void updateStatus(UpdateStatus status) {
    withContext(status.context(), () -> handler.updateStatus(status));
  }

  private static void withContext(RequestContext context, Runnable work) {
    MDC.put("request_id", context == null ? null : context.requestId());
    try {
      work.run();
    } finally {
      MDC.remove("request_id");
    }
  }
}
