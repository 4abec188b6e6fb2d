using Google.Protobuf;
using LiveKit.Proto;

namespace LiveKit.Api.Tests.Protos;

/// <summary>
/// A representative message of every kind the system exchanges: signalling in both directions, data
/// packets with every payload, the agent worker protocol, webhooks and the Twirp requests. Values are
/// non-default wherever possible so that a wrong field number or type cannot go unnoticed.
/// </summary>
internal static class ProtocolSamples
{
    public static IReadOnlyList<(string Name, IMessage Message)> All { get; } = Build();

    public static Room Room() => new()
    {
        Sid = "RM_abc123",
        Name = "call-42",
        EmptyTimeout = 300,
        DepartureTimeout = 20,
        MaxParticipants = 8,
        CreationTime = 1_760_000_000,
        CreationTimeMs = 1_760_000_000_123,
        TurnPassword = "turn",
        EnabledCodecs = { new Codec { Mime = "audio/opus", FmtpLine = "minptime=10;useinbandfec=1" } },
        Metadata = "{\"kind\":\"call\"}",
        NumParticipants = 2,
        NumPublishers = 1,
        ActiveRecording = true,
        Version = new TimedVersion { UnixMicro = 1_760_000_000_123_456, Ticks = 3 },
    };

    public static TrackInfo Track() => new()
    {
        Sid = "TR_mic1",
        Type = TrackType.Audio,
        Name = "microphone",
        Muted = true,
        Source = TrackSource.Microphone,
        MimeType = "audio/opus",
        Mid = "1",
        DisableRed = true,
        Encryption = Encryption.Types.Type.Gcm,
        Stream = "camera-stream",
        Version = new TimedVersion { UnixMicro = 5, Ticks = 1 },
        AudioFeatures = { AudioTrackFeature.TfNoDtx, AudioTrackFeature.TfEchoCancellation },
        BackupCodecPolicy = BackupCodecPolicy.Simulcast,
        PacketTrailerFeatures = { PacketTrailerFeature.PtfFrameId },
        Codecs =
        {
            new SimulcastCodecInfo
            {
                MimeType = "video/vp8", Mid = "2", Cid = "c1", SdpCid = "c2",
                VideoLayerMode = VideoLayer.Types.Mode.OneSpatialLayerPerStream,
                Layers = { new VideoLayer { Quality = VideoQuality.High, Width = 1280, Height = 720, Bitrate = 1_500_000, Ssrc = 1234, SpatialLayer = 2, Rid = "f", RepairSsrc = 99 } },
            },
        },
    };

    public static ParticipantInfo Participant(string sid = "PA_agentA", string identity = "agent-a") => new()
    {
        Sid = sid,
        Identity = identity,
        Name = "Agent A",
        State = ParticipantInfo.Types.State.Active,
        Tracks = { Track() },
        Metadata = "{\"role\":\"agent\"}",
        JoinedAt = 1_760_000_001,
        JoinedAtMs = 1_760_000_001_500,
        Version = 7,
        Permission = new ParticipantPermission
        {
            CanSubscribe = true,
            CanPublish = true,
            CanPublishData = true,
            CanPublishSources = { TrackSource.Microphone, TrackSource.ScreenShareAudio },
            Hidden = true,
            CanUpdateMetadata = true,
            CanSubscribeMetrics = true,
            CanManageAgentSession = true,
        },
        Region = "local",
        IsPublisher = true,
        Kind = ParticipantInfo.Types.Kind.Agent,
        KindDetails = { ParticipantInfo.Types.KindDetail.Forwarded },
        Attributes = { ["lk.agent_name"] = "warm-transfer", ["role"] = "bot" },
        DisconnectReason = DisconnectReason.DuplicateIdentity,
        ClientProtocol = 2,
        Capabilities = { ClientInfo.Types.Capability.CapPacketTrailer, ClientInfo.Types.Capability.CapCompressionDeflateRaw },
        DataTracks = { new DataTrackInfo { PubHandle = 4, Sid = "DTR_1", Name = "pos", Encryption = Encryption.Types.Type.Custom } },
    };

    private static List<(string, IMessage)> Build()
    {
        var samples = new List<(string, IMessage)>();
        void Add(string name, IMessage message) => samples.Add((name, message));

        // --- Server to client ------------------------------------------------------------------
        Add("SignalResponse.join", new SignalResponse
        {
            Join = new JoinResponse
            {
                Room = Room(),
                Participant = Participant(),
                OtherParticipants = { Participant("PA_caller", "caller-1") },
                ServerVersion = "1.9.0",
                IceServers = { new ICEServer { Urls = { "stun:127.0.0.1:3478" }, Username = "u", Credential = "c" } },
                SubscriberPrimary = true,
                AlternativeUrl = "wss://alt",
                ClientConfiguration = new ClientConfiguration
                {
                    Video = new VideoConfiguration { HardwareEncoder = ClientConfigSetting.Disabled },
                    ResumeConnection = ClientConfigSetting.Enabled,
                    DisabledCodecs = new DisabledCodecs { Codecs = { new Codec { Mime = "video/av1" } }, Publish = { new Codec { Mime = "video/h265" } } },
                    ForceRelay = ClientConfigSetting.Disabled,
                },
                ServerRegion = "local",
                PingTimeout = 15,
                PingInterval = 5,
                ServerInfo = new ServerInfo { Edition = ServerInfo.Types.Edition.Cloud, Version = "1.9.0", Protocol = 16, Region = "local", NodeId = "ND_1", DebugInfo = "dev", AgentProtocol = 1 },
                SifTrailer = ByteString.CopyFrom(1, 2, 3),
                EnabledPublishCodecs = { new Codec { Mime = "audio/opus" } },
                FastPublish = true,
            },
        });
        Add("SignalResponse.update", new SignalResponse { Update = new ParticipantUpdate { Participants = { Participant(), Participant("PA_b", "agent-b") } } });
        Add("SignalResponse.offer", new SignalResponse { Offer = new SessionDescription { Type = "offer", Sdp = "v=0\r\n", Id = 3, MidToTrackId = { ["7"] = "TR_x", ["8"] = "TR_y" } } });
        Add("SignalResponse.answer", new SignalResponse { Answer = new SessionDescription { Type = "answer", Sdp = "v=0\r\n", Id = 1 } });
        Add("SignalResponse.trickle", new SignalResponse { Trickle = new TrickleRequest { CandidateInit = "{\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 7882 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}", Target = SignalTarget.Subscriber, Final = true } });
        Add("SignalResponse.track_published", new SignalResponse { TrackPublished = new TrackPublishedResponse { Cid = "mic-cid", Track = Track() } });
        Add("SignalResponse.track_unpublished", new SignalResponse { TrackUnpublished = new TrackUnpublishedResponse { TrackSid = "TR_mic1" } });
        Add("SignalResponse.leave", new SignalResponse
        {
            Leave = new LeaveRequest
            {
                CanReconnect = true,
                Reason = DisconnectReason.RoomDeleted,
                Action = LeaveRequest.Types.Action.Reconnect,
                Regions = new RegionSettings { Regions = { new RegionInfo { Region = "eu", Url = "wss://eu", Distance = 100 } } },
            },
        });
        Add("SignalResponse.mute", new SignalResponse { Mute = new MuteTrackRequest { Sid = "TR_mic1", Muted = true } });
        Add("SignalResponse.speakers_changed", new SignalResponse { SpeakersChanged = new SpeakersChanged { Speakers = { new SpeakerInfo { Sid = "PA_a", Level = 0.5f, Active = true } } } });
        Add("SignalResponse.room_update", new SignalResponse { RoomUpdate = new RoomUpdate { Room = Room() } });
        Add("SignalResponse.connection_quality", new SignalResponse { ConnectionQuality = new ConnectionQualityUpdate { Updates = { new ConnectionQualityInfo { ParticipantSid = "PA_a", Quality = ConnectionQuality.Excellent, Score = 4.5f } } } });
        Add("SignalResponse.stream_state_update", new SignalResponse { StreamStateUpdate = new StreamStateUpdate { StreamStates = { new StreamStateInfo { ParticipantSid = "PA_a", TrackSid = "TR_a", State = StreamState.Paused } } } });
        Add("SignalResponse.subscribed_quality_update", new SignalResponse { SubscribedQualityUpdate = new SubscribedQualityUpdate { TrackSid = "TR_v", SubscribedCodecs = { new SubscribedCodec { Codec = "vp8", Qualities = { new SubscribedQuality { Quality = VideoQuality.Medium, Enabled = true } } } } } });
        Add("SignalResponse.subscription_permission_update", new SignalResponse { SubscriptionPermissionUpdate = new SubscriptionPermissionUpdate { ParticipantSid = "PA_a", TrackSid = "TR_a", Allowed = true } });
        Add("SignalResponse.refresh_token", new SignalResponse { RefreshToken = "eyJ.refresh.token" });
        Add("SignalResponse.pong", new SignalResponse { Pong = 1_760_000_000_000 });
        Add("SignalResponse.reconnect", new SignalResponse { Reconnect = new ReconnectResponse { IceServers = { new ICEServer { Urls = { "turn:x" } } }, ServerInfo = new ServerInfo { Version = "1.9.0" }, LastMessageSeq = 12 } });
        Add("SignalResponse.pong_resp", new SignalResponse { PongResp = new Pong { LastPingTimestamp = 1_760_000_000_000, Timestamp = 1_760_000_000_007 } });
        Add("SignalResponse.subscription_response", new SignalResponse { SubscriptionResponse = new SubscriptionResponse { TrackSid = "TR_gone", Err = SubscriptionError.SeTrackNotfound } });
        Add("SignalResponse.request_response", new SignalResponse { RequestResponse = new RequestResponse { RequestId = 9, Reason = RequestResponse.Types.Reason.NotAllowed, Message = "no metadata updates", UpdateMetadata = new UpdateParticipantMetadata { Name = "x", RequestId = 9 } } });
        Add("SignalResponse.track_subscribed", new SignalResponse { TrackSubscribed = new TrackSubscribed { TrackSid = "TR_mic1" } });
        Add("SignalResponse.room_moved", new SignalResponse { RoomMoved = new RoomMovedResponse { Room = Room(), Token = "eyJ.moved", Participant = Participant(), OtherParticipants = { Participant("PA_c", "caller") } } });
        Add("SignalResponse.media_sections_requirement", new SignalResponse { MediaSectionsRequirement = new MediaSectionsRequirement { NumAudios = 2, NumVideos = 1 } });
        Add("SignalResponse.subscribed_audio_codec_update", new SignalResponse { SubscribedAudioCodecUpdate = new SubscribedAudioCodecUpdate { TrackSid = "TR_a", SubscribedAudioCodecs = { new SubscribedAudioCodec { Codec = "opus", Enabled = true } } } });
        Add("SignalResponse.publish_data_track_response", new SignalResponse { PublishDataTrackResponse = new PublishDataTrackResponse { Info = new DataTrackInfo { PubHandle = 1, Sid = "DTR_1", Name = "n" } } });
        Add("SignalResponse.data_track_subscriber_handles", new SignalResponse { DataTrackSubscriberHandles = new DataTrackSubscriberHandles { SubHandles = { [3] = new DataTrackSubscriberHandles.Types.PublishedDataTrack { PublisherIdentity = "a", PublisherSid = "PA_a", TrackSid = "DTR_1" } } } });

        // --- Client to server ------------------------------------------------------------------
        Add("SignalRequest.offer", new SignalRequest { Offer = new SessionDescription { Type = "offer", Sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n", Id = 1 } });
        Add("SignalRequest.answer", new SignalRequest { Answer = new SessionDescription { Type = "answer", Sdp = "v=0\r\n", Id = 3 } });
        Add("SignalRequest.trickle", new SignalRequest { Trickle = new TrickleRequest { CandidateInit = "{\"candidate\":\"\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"u\"}", Target = SignalTarget.Publisher } });
        Add("SignalRequest.add_track", new SignalRequest
        {
            AddTrack = new AddTrackRequest
            {
                Cid = "mic-cid", Name = "microphone", Type = TrackType.Audio, Muted = true, Source = TrackSource.Microphone,
                DisableRed = true, Encryption = Encryption.Types.Type.None, Stream = "s", Sid = "TR_old",
                BackupCodecPolicy = BackupCodecPolicy.Regression, AudioFeatures = { AudioTrackFeature.TfStereo, AudioTrackFeature.TfPreconnectBuffer },
                SimulcastCodecs = { new SimulcastCodec { Codec = "vp8", Cid = "v", VideoLayerMode = VideoLayer.Types.Mode.MultipleSpatialLayersPerStream, Layers = { new VideoLayer { Quality = VideoQuality.Low } } } },
                PacketTrailerFeatures = { PacketTrailerFeature.PtfUserData },
            },
        });
        Add("SignalRequest.mute", new SignalRequest { Mute = new MuteTrackRequest { Sid = "TR_mic1", Muted = true } });
        Add("SignalRequest.subscription", new SignalRequest { Subscription = new UpdateSubscription { TrackSids = { "TR_a" }, Subscribe = true, ParticipantTracks = { new ParticipantTracks { ParticipantSid = "PA_a", TrackSids = { "TR_a", "TR_b" } } } } });
        Add("SignalRequest.track_setting", new SignalRequest { TrackSetting = new UpdateTrackSettings { TrackSids = { "TR_v" }, Disabled = true, Quality = VideoQuality.Off, Width = 640, Height = 360, Fps = 15, Priority = 2 } });
        Add("SignalRequest.leave", new SignalRequest { Leave = new LeaveRequest { Reason = DisconnectReason.ClientInitiated, Action = LeaveRequest.Types.Action.Disconnect } });
        Add("SignalRequest.update_layers", new SignalRequest { UpdateLayers = new UpdateVideoLayers { TrackSid = "TR_v", Layers = { new VideoLayer { Quality = VideoQuality.High } } } });
        Add("SignalRequest.subscription_permission", new SignalRequest { SubscriptionPermission = new SubscriptionPermission { AllParticipants = false, TrackPermissions = { new TrackPermission { ParticipantSid = "PA_b", AllTracks = true, ParticipantIdentity = "agent-b", TrackSids = { "TR_x" } } } } });
        Add("SignalRequest.sync_state", new SignalRequest
        {
            SyncState = new SyncState
            {
                Answer = new SessionDescription { Type = "answer", Sdp = "a", Id = 2 },
                Subscription = new UpdateSubscription { TrackSids = { "TR_a" }, Subscribe = true },
                PublishTracks = { new TrackPublishedResponse { Cid = "c", Track = Track() } },
                DataChannels = { new DataChannelInfo { Label = "_reliable", Id = 1, Target = SignalTarget.Subscriber } },
                Offer = new SessionDescription { Type = "offer", Sdp = "o", Id = 4 },
                TrackSidsDisabled = { "TR_off" },
                DatachannelReceiveStates = { new DataChannelReceiveState { PublisherSid = "PA_a", LastSeq = 41 } },
                DataSubscription = new UpdateDataSubscription { Updates = { new UpdateDataSubscription.Types.Update { TrackSid = "DTR_1", Subscribe = true } } },
            },
        });
        Add("SignalRequest.simulate", new SignalRequest { Simulate = new SimulateScenario { SwitchCandidateProtocol = CandidateProtocol.Tcp } });
        Add("SignalRequest.ping", new SignalRequest { Ping = 1_760_000_000_000 });
        Add("SignalRequest.update_metadata", new SignalRequest { UpdateMetadata = new UpdateParticipantMetadata { Metadata = "{}", Name = "Agent B", Attributes = { ["status"] = "busy" }, RequestId = 5 } });
        Add("SignalRequest.ping_req", new SignalRequest { PingReq = new Ping { Timestamp = 1_760_000_000_000, Rtt = 12 } });
        Add("SignalRequest.update_audio_track", new SignalRequest { UpdateAudioTrack = new UpdateLocalAudioTrack { TrackSid = "TR_mic1", Features = { AudioTrackFeature.TfNoiseSuppression } } });
        Add("SignalRequest.update_video_track", new SignalRequest { UpdateVideoTrack = new UpdateLocalVideoTrack { TrackSid = "TR_v", Width = 320, Height = 240 } });
        Add("SignalRequest.publish_data_track_request", new SignalRequest { PublishDataTrackRequest = new PublishDataTrackRequest { PubHandle = 2, Name = "n", Encryption = Encryption.Types.Type.Gcm } });
        Add("SignalRequest.unpublish_data_track_request", new SignalRequest { UnpublishDataTrackRequest = new UnpublishDataTrackRequest { PubHandle = 2 } });
        Add("SignalRequest.store_data_blob_request", new SignalRequest { StoreDataBlobRequest = new StoreDataBlobRequest { RequestId = 8 } });
        Add("SignalRequest.get_data_blob_request", new SignalRequest { GetDataBlobRequest = new GetDataBlobRequest { RequestId = 8, ParticipantIdentity = "a" } });
        Add("WrappedJoinRequest", new WrappedJoinRequest { Compression = WrappedJoinRequest.Types.Compression.Gzip, JoinRequest = ByteString.CopyFrom(0x1f, 0x8b, 0x08) });
        Add("JoinRequest", new JoinRequest
        {
            ClientInfo = new ClientInfo
            {
                Sdk = ClientInfo.Types.SDK.Js, Version = "2.23.0", Protocol = 17, Os = "Linux", OsVersion = "6", DeviceModel = "pc", Browser = "Chrome", BrowserVersion = "140",
                Address = "127.0.0.1", Network = "wired", OtherSdks = "components-js:1.0.0", ClientProtocol = 2, Capabilities = { ClientInfo.Types.Capability.CapPacketTrailer },
            },
            ConnectionSettings = new ConnectionSettings { AutoSubscribe = true, AdaptiveStream = true, SubscriberAllowPause = false, DisableIceLite = true, AutoSubscribeDataTrack = true },
            Metadata = "{}",
            ParticipantAttributes = { ["a"] = "b" },
            AddTrackRequests = { new AddTrackRequest { Cid = "c", Type = TrackType.Audio } },
            PublisherOffer = new SessionDescription { Type = "offer", Sdp = "v=0", Id = 1 },
            Reconnect = true,
            ReconnectReason = ReconnectReason.RrSignalDisconnected,
            ParticipantSid = "PA_a",
        });

        // --- Data packets ----------------------------------------------------------------------
        DataPacket Packet() => new()
        {
            Kind = DataPacket.Types.Kind.Reliable,
            ParticipantIdentity = "agent-a",
            ParticipantSid = "PA_agentA",
            DestinationIdentities = { "agent-b", "bot" },
            Sequence = 17,
        };
        Add("DataPacket.user", Packet().With(p => p.User = new UserPacket
        {
            ParticipantSid = "PA_agentA", ParticipantIdentity = "agent-a", Payload = ByteString.CopyFromUtf8("{\"transferId\":\"t1\"}"),
            DestinationSids = { "PA_b" }, DestinationIdentities = { "agent-b" }, Topic = "wt.transfer", Id = "msg-1", StartTime = 10, EndTime = 20,
            Nonce = ByteString.CopyFrom(Enumerable.Range(0, 16).Select(i => (byte)i).ToArray()),
        }));
        Add("DataPacket.speaker", Packet().With(p => p.Speaker = new ActiveSpeakerUpdate { Speakers = { new SpeakerInfo { Sid = "PA_a", Level = 0.25f } } }));
        Add("DataPacket.sip_dtmf", Packet().With(p => p.SipDtmf = new SipDTMF { Code = 11, Digit = "#" }));
        Add("DataPacket.transcription", Packet().With(p => p.Transcription = new Transcription
        {
            TranscribedParticipantIdentity = "caller", TrackId = "TR_c",
            Segments = { new TranscriptionSegment { Id = "seg-1", Text = "my card was charged twice", StartTime = 1, EndTime = 2, Final = true, Language = "en" } },
        }));
        Add("DataPacket.metrics", Packet().With(p => p.Metrics = new MetricsBatch()));
        Add("DataPacket.chat_message", Packet().With(p => p.ChatMessage = new ChatMessage { Id = "c1", Timestamp = 1_760_000_000_000, EditTimestamp = 1_760_000_000_001, Message = "hi", Deleted = true, Generated = true }));
        Add("DataPacket.rpc_request", Packet().With(p => p.RpcRequest = new RpcRequest { Id = "r1", Method = "wt.accept", Payload = "{}", ResponseTimeoutMs = 7000, Version = 1, CompressedPayload = ByteString.CopyFrom(9) }));
        Add("DataPacket.rpc_ack", Packet().With(p => p.RpcAck = new RpcAck { RequestId = "r1" }));
        Add("DataPacket.rpc_response.payload", Packet().With(p => p.RpcResponse = new RpcResponse { RequestId = "r1", Payload = "ok" }));
        Add("DataPacket.rpc_response.error", Packet().With(p => p.RpcResponse = new RpcResponse { RequestId = "r1", Error = new RpcError { Code = 1501, Message = "unsupported method", Data = "d" } }));
        Add("DataPacket.rpc_response.compressed", Packet().With(p => p.RpcResponse = new RpcResponse { RequestId = "r1", CompressedPayload = ByteString.CopyFrom(1, 2) }));
        Add("DataPacket.stream_header.text", Packet().With(p => p.StreamHeader = new DataStream.Types.Header
        {
            StreamId = "s1", Timestamp = 1_760_000_000_000, Topic = "lk.transcription", MimeType = "text/plain", TotalLength = 42,
            Attributes = { ["lk.transcribed_participant_identity"] = "caller", ["lk.segment_id"] = "seg-1", ["lk.transcription_final"] = "true" },
            TextHeader = new DataStream.Types.TextHeader { OperationType = DataStream.Types.OperationType.Update, Version = 2, ReplyToStreamId = "s0", AttachedStreamIds = { "s9" }, Generated = true },
            InlineContent = ByteString.CopyFromUtf8("hello"),
            Compression = DataStream.Types.CompressionType.DeflateRaw,
        }));
        Add("DataPacket.stream_header.byte", Packet().With(p => p.StreamHeader = new DataStream.Types.Header
        {
            StreamId = "s2", Timestamp = 5, Topic = "files", MimeType = "application/pdf", ByteHeader = new DataStream.Types.ByteHeader { Name = "notes.pdf" },
        }));
        Add("DataPacket.stream_chunk", Packet().With(p => p.StreamChunk = new DataStream.Types.Chunk { StreamId = "s1", ChunkIndex = 3, Content = ByteString.CopyFromUtf8("chunk"), Version = 1, Iv = ByteString.CopyFrom(7) }));
        Add("DataPacket.stream_trailer", Packet().With(p => p.StreamTrailer = new DataStream.Types.Trailer { StreamId = "s1", Reason = "interrupted", Attributes = { ["lk.end"] = "1" } }));
        Add("DataPacket.encrypted_packet", Packet().With(p => p.EncryptedPacket = new EncryptedPacket { EncryptionType = Encryption.Types.Type.Gcm, Iv = ByteString.CopyFrom(1, 2, 3), KeyIndex = 2, EncryptedValue = ByteString.CopyFrom(4, 5, 6) }));
        Add("EncryptedPacketPayload", new EncryptedPacketPayload { StreamChunk = new DataStream.Types.Chunk { StreamId = "s", ChunkIndex = 1 } });

        // --- Agent worker protocol -------------------------------------------------------------
        var job = new Job
        {
            Id = "AJ_1", DispatchId = "AD_1", Type = JobType.JtParticipant, Room = Room(), Participant = Participant("PA_c", "caller"),
            Metadata = "{\"kind\":\"call\",\"callRoom\":\"call-42\"}", AgentName = "warm-transfer",
            State = new JobState { Status = JobStatus.JsRunning, Error = "e", StartedAt = 1, EndedAt = 2, UpdatedAt = 3, ParticipantIdentity = "agent-bot", WorkerId = "AW_1", AgentId = "A_1" },
            EnableRecording = true, Deployment = "prod", Attributes = { ["x"] = "y" }, EnableRedaction = true,
        };
        Add("WorkerMessage.register", new WorkerMessage
        {
            Register = new RegisterWorkerRequest
            {
                Type = JobType.JtRoom, AgentName = "warm-transfer", Version = "0.1.0", PingInterval = 30, Namespace = "ns", Deployment = "d",
                AllowedPermissions = new ParticipantPermission { CanSubscribe = true, CanPublish = true, CanPublishData = true, Hidden = true, Agent = true },
            },
        });
        Add("WorkerMessage.availability", new WorkerMessage
        {
            Availability = new AvailabilityResponse
            {
                JobId = "AJ_1", Available = true, SupportsResume = true, Terminate = true, ParticipantName = "Transfer bot", ParticipantIdentity = "agent-bot",
                ParticipantMetadata = "{}", ParticipantAttributes = { ["lk.agent_name"] = "warm-transfer" },
            },
        });
        Add("WorkerMessage.update_worker", new WorkerMessage { UpdateWorker = new UpdateWorkerStatus { Status = WorkerStatus.WsFull, Load = 0.75f, JobCount = 3 } });
        Add("WorkerMessage.update_job", new WorkerMessage { UpdateJob = new UpdateJobStatus { JobId = "AJ_1", Status = JobStatus.JsFailed, Error = "stt down" } });
        Add("WorkerMessage.ping", new WorkerMessage { Ping = new WorkerPing { Timestamp = 1_760_000_000_000 } });
        Add("WorkerMessage.simulate_job", new WorkerMessage { SimulateJob = new SimulateJobRequest { Type = JobType.JtPublisher, Room = Room(), Participant = Participant() } });
        Add("WorkerMessage.migrate_job", new WorkerMessage { MigrateJob = new MigrateJobRequest { JobIds = { "AJ_1", "AJ_2" } } });
        Add("ServerMessage.register", new ServerMessage { Register = new RegisterWorkerResponse { WorkerId = "AW_1", ServerInfo = new ServerInfo { Version = "1.9.0", Protocol = 16, AgentProtocol = 1 } } });
        Add("ServerMessage.availability", new ServerMessage { Availability = new AvailabilityRequest { Job = job, Resuming = true } });
        Add("ServerMessage.assignment", new ServerMessage { Assignment = new JobAssignment { Job = job, Url = "ws://127.0.0.1:7880", Token = "eyJ.job" } });
        Add("ServerMessage.termination", new ServerMessage { Termination = new JobTermination { JobId = "AJ_1" } });
        Add("ServerMessage.pong", new ServerMessage { Pong = new WorkerPong { LastTimestamp = 1_760_000_000_000, Timestamp = 1_760_000_000_002 } });

        // --- Webhooks and Twirp ----------------------------------------------------------------
        Add("WebhookEvent.participant_joined", new WebhookEvent { Event = "participant_joined", Id = "EV_1", CreatedAt = 1_760_000_002, Room = Room(), Participant = Participant() });
        Add("WebhookEvent.track_published", new WebhookEvent { Event = "track_published", Id = "EV_2", CreatedAt = 1_760_000_003, Room = Room(), Participant = Participant(), Track = Track(), NumDropped = 1 });
        Add("WebhookEvent.job", new WebhookEvent { Event = "agent_job", Id = "EV_3", Job = job });
        var dispatch = new RoomAgentDispatch { AgentName = "warm-transfer", Metadata = "{\"kind\":\"call\"}", RestartPolicy = JobRestartPolicy.JrpNever, Deployment = "d", Attributes = { ["a"] = "b" } };
        Add("CreateRoomRequest", new CreateRoomRequest
        {
            Name = "call-42", RoomPreset = "p", EmptyTimeout = 300, DepartureTimeout = 20, MaxParticipants = 8, NodeId = "ND_1", Metadata = "{}",
            Tags = { ["team"] = "support" }, MinPlayoutDelay = 1, MaxPlayoutDelay = 2, SyncStreams = true, ReplayEnabled = true, Agents = { dispatch },
        });
        Add("RoomConfiguration", new RoomConfiguration { Name = "call-42", EmptyTimeout = 1, DepartureTimeout = 2, MaxParticipants = 3, Metadata = "m", MinPlayoutDelay = 4, MaxPlayoutDelay = 5, SyncStreams = true, Agents = { dispatch }, Tags = { ["t"] = "v" } });
        Add("ListRoomsRequest", new ListRoomsRequest { Names = { "a", "b" } });
        Add("ListRoomsResponse", new ListRoomsResponse { Rooms = { Room() } });
        Add("DeleteRoomRequest", new DeleteRoomRequest { Room = "call-42" });
        Add("ListParticipantsResponse", new ListParticipantsResponse { Participants = { Participant() } });
        Add("RoomParticipantIdentity", new RoomParticipantIdentity { Room = "call-42", Identity = "agent-a", RevokeTokenTs = 1_760_000_000 });
        Add("MuteRoomTrackRequest", new MuteRoomTrackRequest { Room = "call-42", Identity = "agent-a", TrackSid = "TR_mic1", Muted = true });
        Add("MuteRoomTrackResponse", new MuteRoomTrackResponse { Track = Track() });
        Add("UpdateParticipantRequest", new UpdateParticipantRequest { Room = "call-42", Identity = "agent-a", Metadata = "{}", Name = "A", Permission = new ParticipantPermission { CanPublish = true }, Attributes = { ["k"] = "" } });
        Add("UpdateSubscriptionsRequest", new UpdateSubscriptionsRequest { Room = "r", Identity = "i", TrackSids = { "TR_1" }, Subscribe = true, ParticipantTracks = { new ParticipantTracks { ParticipantSid = "PA_1", TrackSids = { "TR_1" } } } });
        Add("SendDataRequest", new SendDataRequest { Room = "call-42", Data = ByteString.CopyFromUtf8("{}"), Kind = DataPacket.Types.Kind.Lossy, DestinationSids = { "PA_1" }, DestinationIdentities = { "agent-b" }, Topic = "wt.transfer", Nonce = ByteString.CopyFrom(new byte[16]) });
        Add("UpdateRoomMetadataRequest", new UpdateRoomMetadataRequest { Room = "call-42", Metadata = "{\"state\":\"Briefing\"}" });
        Add("ForwardParticipantRequest", new ForwardParticipantRequest { Room = "call-42", Identity = "agent-b", DestinationRoom = "handoff-1" });
        Add("MoveParticipantRequest", new MoveParticipantRequest { Room = "handoff-1", Identity = "agent-b", DestinationRoom = "call-42" });
        Add("PerformRpcRequest", new PerformRpcRequest { Room = "r", DestinationIdentity = "bot", Method = "m", Payload = "p", ResponseTimeoutMs = 5000 });
        Add("PerformRpcResponse", new PerformRpcResponse { Payload = "p" });
        Add("CreateAgentDispatchRequest", new CreateAgentDispatchRequest { AgentName = "warm-transfer", Room = "handoff-1", Metadata = "{\"kind\":\"handoff\",\"transferId\":\"t1\"}", RestartPolicy = JobRestartPolicy.JrpNever, Deployment = "d", Attributes = { ["a"] = "b" } });
        Add("DeleteAgentDispatchRequest", new DeleteAgentDispatchRequest { DispatchId = "AD_1", Room = "handoff-1" });
        Add("ListAgentDispatchRequest", new ListAgentDispatchRequest { DispatchId = "AD_1", Room = "handoff-1" });
        Add("ListAgentDispatchResponse", new ListAgentDispatchResponse
        {
            AgentDispatches =
            {
                new AgentDispatch
                {
                    Id = "AD_1", AgentName = "warm-transfer", Room = "handoff-1", Metadata = "{}", RestartPolicy = JobRestartPolicy.JrpOnFailure, Deployment = "d",
                    Attributes = { ["a"] = "b" }, State = new AgentDispatchState { Jobs = { job }, CreatedAt = 1_760_000_000_000_000_000, DeletedAt = 0 },
                },
            },
        });

        return samples;
    }

    private static DataPacket With(this DataPacket packet, Action<DataPacket> set)
    {
        set(packet);
        return packet;
    }
}
