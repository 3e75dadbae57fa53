import { type ConversationMessage, type SendRequest, SendResponse, WHATSAPP_SEND_PATH } from '@switchboard/contract';
import { useRef, useState } from 'react';
import { callService } from '../lib/serviceClient.ts';

export interface SendControl {
  sending: boolean;
  /** The server's message for the last failed send, until the next attempt. */
  error: string | null;
  /** Resolves true when the service stored the message (whatever its delivery status). */
  send: (body: SendRequest) => Promise<boolean>;
}

/** One send at a time to the send endpoint; the stored message goes to `onSent` so the history shows it at once. */
export function useSend(onSent: (message: ConversationMessage) => void): SendControl {
  // A ref as well as state: a double click can arrive before React re-renders the button as disabled.
  const inFlight = useRef(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async (body: SendRequest): Promise<boolean> => {
    if (inFlight.current) return false;
    inFlight.current = true;
    setSending(true);
    setError(null);
    try {
      const { message } = await callService({ path: WHATSAPP_SEND_PATH, method: 'POST', body, schema: SendResponse });
      onSent(message);
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  };

  return { sending, error, send };
}
