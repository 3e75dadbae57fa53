-- A pending outbound message is being sent by one caller at a time: the card's request, a send job, a workflow
-- action's completion, possibly in different service instances. The caller holds the claim until the provider
-- answered (settling clears it); a claim left by a crashed caller expires, and the message is sent again then.
ALTER TABLE whatsapp_messages ADD COLUMN send_claimed_until INTEGER;
