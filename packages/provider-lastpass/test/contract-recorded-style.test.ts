import { describeLastPassContract } from './support/lastpass-contract.js';

// [U] Every recorded getuserdata answer lacks the `invited` list: pending invitations then show only
// as `neverloggedin`, and new users must still read `invited` (and be cancellable).
describeLastPassContract('lastpass over the simulator, without the invited list', { invitedList: 'omitted' });
