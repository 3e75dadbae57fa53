/** Recorded HubSpot bodies and headers from shared/reference/hubspot-api.md, used as fixtures. */

/** §11.2, DAILY: verbatim from HubSpot's usage guidelines. */
export const DAILY_429 = {
  status: 'error',
  message: 'You have reached your daily limit.',
  errorType: 'RATE_LIMIT',
  correlationId: 'c033cdaa-2c40-4a64-ae48-b4cec88dad24',
  policyName: 'DAILY',
  requestId: '3d3e35b7-0dae-4b9f-a6e3-9c230cbcf8dd',
};

/** §11.2, TEN_SECONDLY_ROLLING: community-observed body [U]. */
export const TEN_SECONDLY_429 = {
  status: 'error',
  message: 'You have reached your ten_secondly_rolling limit.',
  errorType: 'RATE_LIMIT',
  correlationId: '8f3b2a36-3e4c-4b5e-9a4c-2f1d5e6a7b8c',
  policyName: 'TEN_SECONDLY_ROLLING',
  groupName: 'publicapi:private_app-api-calls-ten-secondly:54321:62515',
};

/** §12.4: the headers to send with a TEN_SECONDLY 429. */
export const TEN_SECONDLY_HEADERS = {
  'x-hubspot-ratelimit-interval-milliseconds': '10000',
  'x-hubspot-ratelimit-max': '110',
  'x-hubspot-ratelimit-remaining': '0',
};

/** §12.4, search secondly limit: the message is confirmed (SDK constant), the rest [U]. No rate-limit headers. */
export const SEARCH_SECONDLY_429 = {
  status: 'error',
  message: 'You have reached your secondly limit.',
  errorType: 'RATE_LIMIT',
  correlationId: '0d9a1c52-7d0f-4c3e-8f5d-1b2a3c4d5e6f',
};

/** §11.1: the documented error envelope. */
export const VALIDATION_400 = {
  status: 'error',
  message: 'This will be a human readable message with details about the error.',
  errors: [
    { message: 'discount was not a valid number', code: 'INVALID_INTEGER', context: { propertyName: ['discount'] } },
  ],
  category: 'VALIDATION_ERROR',
  correlationId: 'a43683b0-5717-4ceb-80b4-104d02915d8c',
};

/** A 403 MISSING_SCOPES body as reported in HubSpot/hubspot-api-nodejs#268. */
export const MISSING_SCOPES_403 = {
  status: 'error',
  message:
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
  correlationId: '4f2071b3-bf52-4e77-8dbe-6f80ad4f3a5f',
  errors: [{ message: 'One or more of the following scopes are required.', context: { requiredScopes: ['contacts'] } }],
  links: { scopes: 'https://developers.hubspot.com/scopes' },
  category: 'MISSING_SCOPES',
};

/** §12.6: batch create 207, verbatim (result properties trimmed by the reference). */
export const BATCH_CREATE_207 = {
  status: 'COMPLETE',
  results: [
    {
      id: '1145814089',
      properties: {
        createdate: '2024-08-15T17:09:13.648Z',
        hs_object_id: '1145814089',
        hs_pipeline: '0',
        hs_pipeline_stage: '1',
      },
      createdAt: '2024-08-15T17:09:13.648Z',
      updatedAt: '2024-08-15T17:09:13.648Z',
      archived: false,
    },
  ],
  numErrors: 1,
  errors: [
    {
      status: 'error',
      category: 'VALIDATION_ERROR',
      message:
        'Property values were not valid: [{"isValid":false,"message":"Property \\"missing\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"missing","localizedErrorMessage":"Property \\"missing\\" does not exist","portalId":891936587}]',
      context: { objectWriteTraceId: ['549b1c2a9351'] },
    },
  ],
  startedAt: '2024-08-15T17:09:13.610Z',
  completedAt: '2024-08-15T17:09:13.910Z',
};
