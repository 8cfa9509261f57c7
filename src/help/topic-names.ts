// The names of the manual's topics (`pp help <topic>`), apart from their texts (topics.ts): the
// program's help lists them on every start, and the texts (the sandbox's ids with them) load only
// when a topic is read.
export const helpTopicNames = ['environment', 'exit-codes', 'formats', 'health', 'scripting'] as const;
export type HelpTopicName = (typeof helpTopicNames)[number];
