package io.zonecast.minidns.tsig;

import org.xbill.DNS.Message;

/** Turns the messages of one transfer, in order, into their wire form (signed or not). */
public interface TransferSigner {

  TransferSigner UNSIGNED =
      new TransferSigner() {
        @Override
        public byte[] wire(Message message) {
          return message.toWire();
        }

        @Override
        public int overhead() {
          return 0;
        }
      };

  byte[] wire(Message message);

  /** Bytes the signature adds to a message, which the packer keeps free. */
  int overhead();
}
