export { createSlackAlertSink } from './create-slack-alert-sink.js';
export { slackMessage } from './slack-blocks.js';
export { SlackAlertSinkOptions } from './slack-sink-options.js';
