/**
 * The identities and rooms the reference server starts with. Imports nothing, so that the demo
 * page and the browser tests can read it too.
 */
export const seed = {
  user: { id: 'demo-user', username: 'demo', token: 'demo-token' },
  otherUser: { id: 'other-user', username: 'other', token: 'other-token' },
  /** both users are members */
  room: 'GENERAL',
  /** only `other` is a member */
  privateRoom: 'private-room',
  visitor: { token: 'demo-visitor', room: 'livechat-demo' },
  otherVisitor: { token: 'other-visitor', room: 'livechat-other' },
  /** the demo visitor's, closed */
  closedLivechatRoom: 'livechat-closed',
  single: {
    token: 'demo-single-token',
    /** a token whose user does not exist (S7) */
    ghostToken: 'ghost-single-token',
    room: 'GENERAL',
    foreignRoom: 'private-room',
  },
} as const;
